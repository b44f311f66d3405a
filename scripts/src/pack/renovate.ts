import { RE2JS } from "re2js";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { matchesAny } from "./glob.js";

/** The parts of renovate.json this checker reads. */
export interface RenovateConfig {
  readonly ignorePaths?: readonly string[];
  readonly customManagers?: readonly CustomManager[];
  readonly [key: string]: unknown;
}

export interface CustomManager {
  readonly customType: string;
  readonly description?: string;
  readonly managerFilePatterns: readonly string[];
  readonly matchStrings: readonly string[];
  readonly depNameTemplate?: string;
  readonly packageNameTemplate?: string;
  readonly datasourceTemplate?: string;
  readonly versioningTemplate?: string;
  readonly registryUrlTemplate?: string;
  readonly [key: string]: unknown;
}

/** One dependency a regex manager finds, as Renovate would build it from groups and templates. */
export interface ExtractedDependency {
  readonly manager: number;
  readonly file: string;
  /** 1-based line where the match starts (the annotation line for annotated pins). */
  readonly line: number;
  /** 1-based line where the match ends. */
  readonly endLine: number;
  readonly depName: string | undefined;
  readonly packageName: string | undefined;
  readonly currentValue: string | undefined;
  readonly datasource: string | undefined;
  readonly registryUrl: string | undefined;
  readonly extractVersion: string | undefined;
  /** The matched text: Renovate replaces every occurrence of currentValue inside it. */
  readonly match: string;
}

export function loadRenovateConfig(root: string): RenovateConfig {
  return JSON.parse(readFileSync(join(root, "renovate.json"), "utf8")) as RenovateConfig;
}

/** Keys Renovate's config validator accepts in a custom manager (lib/config/validation.ts). */
export const customManagerKeys: readonly string[] = [
  "customType",
  "description",
  "fileFormat",
  "managerFilePatterns",
  "matchStrings",
  "matchStringsStrategy",
  "depNameTemplate",
  "packageNameTemplate",
  "datasourceTemplate",
  "versioningTemplate",
  "registryUrlTemplate",
  "currentValueTemplate",
  "extractVersionTemplate",
  "autoReplaceStringTemplate",
  "depTypeTemplate",
];

interface Re2Module {
  RE2JS: typeof RE2JS;
}

/** re2js, a port of the RE2 engine Renovate runs matchStrings with. */
export function loadRe2(): Re2Module {
  return { RE2JS };
}

const groupNames = (pattern: string): string[] => [...pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9]*)>/g)].map((match) => match[1]!);

/**
 * What Renovate's validator would reject in a custom manager, plus what this checker cannot model
 * (glob file patterns, Handlebars in templates). Each matchString must compile in RE2.
 */
export function customManagerProblems(manager: CustomManager, index: number, re2: Re2Module): string[] {
  const where = `customManagers[${index}]`;
  const problems: string[] = [];
  const extra = Object.keys(manager).filter((key) => !customManagerKeys.includes(key));
  if (extra.length > 0) problems.push(`${where} has fields Renovate rejects: ${extra.join(", ")}`);
  if (manager.customType !== "regex") problems.push(`${where}.customType is ${JSON.stringify(manager.customType)}, expected "regex"`);
  if (!Array.isArray(manager.managerFilePatterns) || manager.managerFilePatterns.length === 0) problems.push(`${where}.managerFilePatterns is empty`);
  for (const pattern of manager.managerFilePatterns ?? []) {
    if (!/^\/.+\/$/.test(pattern)) problems.push(`${where}.managerFilePatterns entry ${JSON.stringify(pattern)} is not a /regex/`);
  }
  for (const [key, value] of Object.entries(manager)) {
    if (key.endsWith("Template") && typeof value === "string" && value.includes("{{")) problems.push(`${where}.${key} uses a template this checker cannot evaluate`);
  }
  for (const [i, pattern] of (manager.matchStrings ?? []).entries()) {
    try {
      re2.RE2JS.compile(pattern);
    } catch (error) {
      problems.push(`${where}.matchStrings[${i}] is not valid RE2: ${(error as Error).message}`);
    }
    const groups = groupNames(pattern);
    if (!groups.includes("currentValue")) problems.push(`${where}.matchStrings[${i}] has no currentValue group`);
    if (!groups.includes("datasource") && manager.datasourceTemplate === undefined) problems.push(`${where}.matchStrings[${i}] has no datasource group or template`);
    if (!groups.some((group) => group === "depName" || group === "packageName") && manager.depNameTemplate === undefined && manager.packageNameTemplate === undefined) {
      problems.push(`${where}.matchStrings[${i}] has no depName/packageName group or template`);
    }
  }
  return problems;
}

const lineAt = (content: string, offset: number): number => content.slice(0, offset).split("\n").length;

/**
 * The dependencies one manager extracts from one file, the way Renovate's regex manager does with
 * the default `matchStringsStrategy: "any"`: every match of every matchString, groups first, then
 * the manager's templates.
 */
export function extractDependencies(manager: CustomManager, managerIndex: number, file: string, content: string): ExtractedDependency[] {
  return manager.matchStrings.flatMap((pattern) =>
    [...content.matchAll(new RegExp(pattern, "g"))].map((match) => {
      const groups = match.groups ?? {};
      const start = match.index;
      return {
        manager: managerIndex,
        file,
        line: lineAt(content, start),
        endLine: lineAt(content, start + match[0].length),
        depName: groups["depName"] ?? manager.depNameTemplate,
        packageName: groups["packageName"] ?? manager.packageNameTemplate,
        currentValue: groups["currentValue"],
        datasource: groups["datasource"] ?? manager.datasourceTemplate,
        registryUrl: groups["registryUrl"] ?? manager.registryUrlTemplate,
        extractVersion: groups["extractVersion"],
        match: match[0],
      };
    }),
  );
}

/** The same extraction with re2js: the values must agree with {@link extractDependencies}. */
export function extractWithRe2(re2: Re2Module, manager: CustomManager, content: string): { depName: string | null; currentValue: string | null }[] {
  return manager.matchStrings.flatMap((pattern) => {
    const compiled = re2.RE2JS.compile(pattern);
    const named = compiled.namedGroups();
    const matcher = compiled.matcher(content);
    const found: { depName: string | null; currentValue: string | null }[] = [];
    while (matcher.find()) {
      found.push({
        depName: "depName" in named ? matcher.group("depName") : (manager.depNameTemplate ?? null),
        currentValue: matcher.group("currentValue"),
      });
    }
    return found;
  });
}

const skippedDirs = new Set([".git", "node_modules", "dist", ".turbo", "coverage"]);

/** Every file of the working tree (repository-relative, forward slashes) outside build and dependency folders. */
export function repositoryFiles(root: string, dir = ""): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return skippedDirs.has(entry.name) ? [] : repositoryFiles(root, path);
    return entry.isFile() ? [path] : [];
  });
}

/** Files Renovate looks at: not under ignorePaths. */
export function renovateVisible(config: RenovateConfig, files: readonly string[]): string[] {
  return files.filter((file) => !matchesAny(file, config.ignorePaths ?? []));
}

/** Files where a pin and its annotation can sit: TypeScript, YAML, shell. Docs may quote annotations freely. */
export const isPinFile = (path: string): boolean => /\.[cm]?ts$|\.ya?ml$|\.sh$/.test(path) || path === ".ci/run";

/** Line numbers (1-based) of `renovate:` annotation comments (`//` or `#`). */
export function annotationLines(content: string): number[] {
  return content.split("\n").flatMap((line, index) => (/(?:#|\/\/)[ \t]*renovate:/.test(line) ? [index + 1] : []));
}

/** Every dependency all managers extract from the given files. */
export function extractAll(config: RenovateConfig, files: readonly string[], read: (file: string) => string): ExtractedDependency[] {
  return (config.customManagers ?? []).flatMap((manager, index) =>
    files.filter((file) => matchesAny(file, manager.managerFilePatterns)).flatMap((file) => extractDependencies(manager, index, file, read(file))),
  );
}
