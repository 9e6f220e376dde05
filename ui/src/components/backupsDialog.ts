// The workspace's backups: taken when the app opens and while editing, kept beside the
// workspace. Restoring one first backs up what is there, so a restore can be undone the same way.
import { api, errorText } from "../api";
import { t } from "../i18n";
import type { BackupFile } from "../api/bindings/BackupFile";
import type { BackupReason } from "../api/bindings/BackupReason";
import { h, replace } from "../dom";
import { confirmDialog } from "./dialog";
import { toast } from "./toast";

const KEPT: Record<BackupReason, string> = {
  rolling: "",
  by_hand: "backupsDialog.keptByHand",
  before_restore: "backupsDialog.keptBeforeRestore",
  before_import: "backupsDialog.keptBeforeImport",
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
      t("backupsDialog.restoreThisBackup"),
      t("backupsDialog.theWorkspaceGoesBackTo", { taken: b.taken }),
      t("backupsDialog.restore2"),
    );
    if (!sure) return;
    try {
      await api.restoreBackup(b.path);
      toast(t("backupsDialog.restoredTheBackupOf", { taken: b.taken }));
      // Every screen reads the workspace afresh.
      window.location.reload();
    } catch (error) {
      replace(message, errorText(error));
    }
  };
  const remove = async (b: BackupFile) => {
    const sure = await confirmDialog(t("backupsDialog.deleteThisBackup"), t("backupsDialog.theBackupOfIsDeleted", { taken: b.taken }), t("backupsDialog.delete2"));
    if (!sure) return;
    try {
      await api.deleteBackup(b.path);
      await refresh();
    } catch (error) {
      replace(message, errorText(error));
    }
  };
  const refresh = async () => {
    const all = await api.listBackups();
    replace(
      list,
      all.length === 0
        ? h("li", { class: "hint" }, t("backupsDialog.noBackupsYet"))
        : all.map((b) =>
            h(
              "li",
              { "data-testid": "backup" },
              h("span", {}, b.taken),
              h("span", { class: "hint" }, size(b.bytes)),
              b.reason !== "rolling" && h("span", { class: "tag", "data-testid": "backup-kept" }, t(KEPT[b.reason])),
              h("button", { "data-testid": "backup-restore", onclick: () => void restore(b) }, t("backupsDialog.restore")),
              h("button", { class: "subtle", "data-testid": "backup-delete", onclick: () => void remove(b) }, t("backupsDialog.delete")),
            ),
          ),
    );
  };
  const backdrop = h(
    "div",
    { class: "backdrop backups-dialog" },
    h(
      "div",
      { class: "dialog wide", role: "dialog", "aria-label": t("backupsDialog.backups") },
      h("h2", {}, t("backupsDialog.backups")),
      h(
        "p",
        { class: "hint" },
        t("backupsDialog.takenWhenTheAppOpens"),
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
              toast(t("backupsDialog.backedUp", { value: size(b.bytes) }));
              await refresh();
            },
          },
          t("backupsDialog.backUpNow"),
        ),
        h("button", { class: "primary", onclick: close }, t("backupsDialog.close")),
      ),
    ),
  );
  document.addEventListener("keydown", onKey, true);
  document.body.appendChild(backdrop);
  await refresh();
}
