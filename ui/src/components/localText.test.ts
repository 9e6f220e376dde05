import { describe, expect, it } from "vitest";
import { h } from "../dom";
import { typedTexts } from "./localText";

describe("the texts typed in a plan's languages", () => {
  it("replace those of the languages shown, drop emptied ones, and keep the others as stored", () => {
    const khmer = h("input", { lang: "km", value: "ផ្លូវថ្មី" });
    const thai = h("input", { lang: "th", value: "  " });
    const stored = { km: "ផ្លូវ", th: "ถนน", vi: "Đường" };
    expect(typedTexts(stored, ["km", "th"], [khmer, thai])).toEqual({ km: "ផ្លូវថ្មី", vi: "Đường" });
    expect(typedTexts(undefined, [], [])).toEqual({});
  });
});
