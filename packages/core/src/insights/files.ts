import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportCsv } from './csv.js';
import { reportHtml } from './html.js';
import { reportMarkdown } from './markdown.js';
import type { InsightsReport } from './report.js';

export interface ReportFiles {
  dir: string;
  json: string;
  csv: string;
  html: string;
  markdown: string;
}

/** Writes report.json, releases.csv, report.html and report.md into `dir`, creating it. */
export function writeReportFiles(report: InsightsReport, dir: string): ReportFiles {
  mkdirSync(dir, { recursive: true });
  const files: ReportFiles = {
    dir,
    json: path.join(dir, 'report.json'),
    csv: path.join(dir, 'releases.csv'),
    html: path.join(dir, 'report.html'),
    markdown: path.join(dir, 'report.md'),
  };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.csv, reportCsv(report));
  writeFileSync(files.html, reportHtml(report));
  writeFileSync(files.markdown, reportMarkdown(report));
  return files;
}
