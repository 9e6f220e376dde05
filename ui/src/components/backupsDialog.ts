// The workspace's backups: taken when the app opens and while editing, kept beside the
// workspace. Restoring one first backs up what is there, so a restore can be undone the same way.
import { api, isAppError } from "../api";
import type { BackupFile } from "../api/bindings/BackupFile";
import type { BackupReason } from "../api/bindings/BackupReason";
import { h, replace } from "../dom";
import { confirmDialog } from "./dialog";
import { toast } from "./toast";

const KEPT: Record<BackupReason, string> = {
  rolling: "",
  by_hand: "Kept: taken by hand",
  before_restore: "Kept: taken before a restore",
  before_import: "Kept: taken before an import",
};

function size(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function openBackupsDialog(): Promise<void> {
  if (document.querySelector(".backups-dialog")) return;
  const list = h("ul", { class: "backup-list", "data-testid": "backup-list" });
  const message = h("p", { class: "field-error", role: "alert" });
  const close = () => {
    backdrop.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && !document.querySelector(".backdrop:not(.backups-dialog)")) {
      e.stopPropagation();
      close();
    }
  };
  const restore = async (b: BackupFile) => {
    const sure = await confirmDialog(
      "Restore this backup?",
      `The workspace goes back to how it was at ${b.taken}. What is there now is backed up first and kept, so this can be undone by restoring that backup.`,
      "Restore",
    );
    if (!sure) return;
    try {
      await api.restoreBackup(b.path);
      toast(`Restored the backup of ${b.taken}`);
      // Every screen reads the workspace afresh.
      window.location.reload();
    } catch (error) {
      replace(message, isAppError(error) ? error.message : String(error));
    }
  };
  const remove = async (b: BackupFile) => {
    const sure = await confirmDialog("Delete this backup?", `The backup of ${b.taken} is deleted from the disk.`, "Delete");
    if (!sure) return;
    try {
      await api.deleteBackup(b.path);
      await refresh();
    } catch (error) {
      replace(message, isAppError(error) ? error.message : String(error));
    }
  };
  const refresh = async () => {
    const all = await api.listBackups();
    replace(
      list,
      all.length === 0
        ? h("li", { class: "hint" }, "No backups yet.")
        : all.map((b) =>
            h(
              "li",
              { "data-testid": "backup" },
              h("span", {}, b.taken),
              h("span", { class: "hint" }, size(b.bytes)),
              b.reason !== "rolling" && h("span", { class: "tag", "data-testid": "backup-kept" }, KEPT[b.reason]),
              h("button", { "data-testid": "backup-restore", onclick: () => void restore(b) }, "Restore…"),
              h("button", { class: "subtle", "data-testid": "backup-delete", onclick: () => void remove(b) }, "Delete…"),
            ),
          ),
    );
  };
  const backdrop = h(
    "div",
    { class: "backdrop backups-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": "Backups" },
      h("h2", {}, "Backups"),
      h(
        "p",
        { class: "hint" },
        "Taken when the app opens the workspace and after every 10 minutes of editing, in a folder beside the workspace: all of the last day, one a day for a month, one a month before that. Backups taken before a restore or an import, or by hand, are kept until you delete them.",
      ),
      message,
      list,
      h(
        "div",
        { class: "dialog-buttons" },
        h(
          "button",
          {
            "data-testid": "backup-now",
            onclick: async () => {
              const b = await api.backUpNow();
              toast(`Backed up (${size(b.bytes)})`);
              await refresh();
            },
          },
          "Back up now",
        ),
        h("button", { class: "primary", onclick: close }, "Close"),
      ),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  await refresh();
}
