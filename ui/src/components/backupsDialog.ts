// The workspace's backups: taken when the app opens and while editing, kept beside the
// workspace. Restoring one first backs up what is there, so a restore can be undone the same way.
import { api, isAppError } from "../api";
import type { BackupFile } from "../api/bindings/BackupFile";
import { h, replace } from "../dom";
import { confirmDialog } from "./dialog";
import { toast } from "./toast";

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
      `The workspace goes back to how it was at ${b.taken} (UTC). What is there now is backed up first, so this can be undone by restoring that backup.`,
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
              h("span", {}, `${b.taken} UTC`),
              h("span", { class: "hint" }, size(b.bytes)),
              h("button", { "data-testid": "backup-restore", onclick: () => void restore(b) }, "Restore…"),
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
        "Taken when the app opens the workspace and after every 10 minutes of editing; the last 10 are kept in a folder beside the workspace.",
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
