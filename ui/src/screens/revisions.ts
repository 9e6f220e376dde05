// Revisions: submitting the plan to the National Representative freezes it as a numbered
// revision; any two revisions (or one and the plan as it is now) can be compared, project by
// project and field by field. The diff is the core's.
import { api } from "../api";
import { t } from "../i18n";
import type { Revision } from "../api/bindings/Revision";
import { promptDialog } from "../components/dialog";
import { diffView } from "../components/diffView";
import { toast } from "../components/toast";
import { h, replace } from "../dom";
import { go, type Screen } from "../router";
import { PLAN_STATUSES, session, setOverview } from "../stores/session";

export async function revisionsScreen(): Promise<Screen> {
  const overview = session.overview;
  if (!overview) throw new Error("a plan is open");
  const plan = overview.plan;
  const revisions: Revision[] = await api.listRevisions(plan.id);
  const choice = (testid: string, selected: number | null, withCurrent: boolean) =>
    h(
      "select",
      { "data-testid": testid },
      withCurrent && h("option", { value: "", selected: selected === null }, t("revisions.thePlanAsItIs")),
      revisions.map((r) => h("option", { value: r.number, selected: r.number === selected }, t("revisions.revision", { number: r.number, frozen_at: r.frozen_at }))),
    );
  const last = revisions.length > 0 ? revisions[revisions.length - 1].number : null;
  const from = choice("diff-from", revisions.length > 1 ? revisions[revisions.length - 2].number : last, false);
  const to = choice("diff-to", revisions.length > 1 ? last : null, true);
  const result = h("div", { "data-testid": "diff-result" });
  const compare = async () => {
    if (from.value === "") return;
    const diff = await api.revisionDiff(plan.id, Number(from.value), to.value === "" ? null : Number(to.value));
    replace(result, diffView(diff));
  };
  from.addEventListener("change", () => void compare());
  to.addEventListener("change", () => void compare());

  const submit = async () => {
    const label = await promptDialog({
      title: t("revisions.submitAndFreezeARevision"),
      message: t("revisions.thePlanIsMarkedAs"),
      placeholder: t("revisions.eGSubmittedAfterThe"),
      confirm: t("revisions.submit"),
    });
    if (label === null) return;
    const revision = await api.submitPlan(plan.id, label);
    setOverview(await api.planOverview(plan.id));
    toast(t("revisions.revisionFrozenThePlanIs", { number: revision.number }));
    await go({ name: "revisions" });
  };

  const el = h(
    "div",
    { class: "screen revisions", "data-testid": "revisions" },
    h(
      "div",
      { class: "screen-head row" },
      h("h1", {}, t("revisions.revisions")),
      h("div", { class: "spacer" }),
      h("button", { class: "primary", "data-testid": "submit-plan", onclick: () => void submit() }, t("revisions.submitAndFreezeARevision2")),
    ),
    h(
      "p",
      { class: "hint" },
      t("revisions.thePlanIsEachSubmission", { value: PLAN_STATUSES.find((s) => s.value === plan.status)?.label.toLowerCase() ?? plan.status }),
    ),
    revisions.length === 0
      ? h("p", { class: "empty" }, t("revisions.noRevisionYetThePlan"))
      : [
          h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              { class: "grid", "data-testid": "revision-list" },
              h("thead", {}, h("tr", {}, [t("revisions.revision2"), t("revisions.frozen"), t("revisions.status"), t("revisions.projects"), t("revisions.note")].map((t) => h("th", {}, t)))),
              h(
                "tbody",
                {},
                revisions.map((r) =>
                  h("tr", {}, h("td", {}, String(r.number)), h("td", {}, r.frozen_at), h("td", {}, r.status), h("td", { class: "num" }, String(r.projects)), h("td", {}, r.label)),
                ),
              ),
            ),
          ),
          h("div", { class: "row diff-choice" }, h("label", { class: "check" }, t("revisions.compare"), from), h("label", { class: "check" }, " with ", to)),
          result,
        ],
  );
  await compare();
  return { el };
}
