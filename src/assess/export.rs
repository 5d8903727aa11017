//! Exports: Markdown for the minutes, CSV for spreadsheets (one row per question), JSON
//! for other tools. Output depends only on the assessment and the content, never on the
//! clock or the machine, so the golden files in tests/golden/ compare byte for byte.

use std::fmt::Write;

use serde::Serialize;

use super::score::{Results, fmt2, round2, score, weakest};
use super::{Assessment, level_name};
use crate::content::{Almanac, ItemRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    Json,
}

impl Format {
    /// `md`/`markdown`, `csv`, `json`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

pub fn render(almanac: &Almanac, a: &Assessment, format: Format) -> String {
    match format {
        Format::Markdown => markdown(almanac, a),
        Format::Csv => csv(almanac, a),
        Format::Json => json(almanac, a),
    }
}

fn opt2(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), fmt2)
}

fn level_text(almanac: &Almanac, level: Option<u8>) -> String {
    level.map_or_else(
        || "–".to_string(),
        |l| format!("{l}, {}", level_name(almanac, l)),
    )
}

/// A table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        "–".into()
    } else {
        s.replace('|', "\\|")
    }
}

fn guidance_title(almanac: &Almanac, id: &str) -> Option<String> {
    almanac
        .get(id)
        .filter(|r| matches!(r, ItemRef::Guidance(..)))
        .map(|r| almanac.title(r).to_string())
}

/// The minutes: who, when, the results table, what to read next, every answer, the plan.
pub fn markdown(almanac: &Almanac, a: &Assessment) -> String {
    let r = score(almanac, a);
    let mut out = String::new();
    let org = a.organisation_label();
    let _ = writeln!(out, "# Self-assessment: {}\n", cell(org));
    let _ = writeln!(out, "- **Organisation:** {}", cell(org));
    if !a.people.is_empty() {
        let _ = writeln!(out, "- **People:** {}", cell(&a.people.join(", ")));
    }
    let date = super::timestamp::date_part(&a.started);
    match &a.completed {
        Some(c) => {
            let _ = writeln!(
                out,
                "- **Date:** {date} (completed {})",
                super::timestamp::date_part(c)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "- **Date:** {date} (in progress, last saved {})",
                super::timestamp::date_part(&a.updated)
            );
        }
    }
    let outcomes = if a.scope.outcomes.is_empty() {
        "all outcomes".to_string()
    } else {
        let n = a.scope.outcomes.len();
        format!("{n} outcome{}", if n == 1 { "" } else { "s" })
    };
    let _ = writeln!(
        out,
        "- **Scope:** {}, {outcomes}, {} questions",
        if a.scope.quick {
            "quick (core questions)"
        } else {
            "full"
        },
        r.total
    );
    let _ = writeln!(
        out,
        "- **Content:** {}, {} edition (answered against the {} edition)\n",
        almanac.meta.title, almanac.meta.edition, a.edition
    );

    results_table(&mut out, almanac, &r);
    read_next(&mut out, almanac, &r);
    answers(&mut out, almanac, a, &r);
    plan(&mut out, almanac, a);
    out
}

fn results_table(out: &mut String, almanac: &Almanac, r: &Results) {
    let _ = writeln!(out, "## Results\n");
    let _ = writeln!(
        out,
        "| # | Outcome | Answered | Score | Level | Target | Gap |"
    );
    let _ = writeln!(
        out,
        "|--:|---------|---------:|------:|-------|-------:|----:|"
    );
    for o in &r.outcomes {
        let x = &almanac.outcomes[o.outcome];
        let level = o
            .level
            .map_or_else(|| "–".into(), |l| level_name(almanac, l));
        let _ = writeln!(
            out,
            "| {} | {} | {} of {} | {} | {} | {} | {} |",
            x.number,
            cell(&x.title),
            o.answered,
            o.total,
            opt2(o.score),
            cell(&level),
            opt2(o.target),
            opt2(o.gap)
        );
    }
    let overall = match (r.overall, r.overall_level) {
        (Some(s), Some(l)) => format!("{} ({})", fmt2(s), level_name(almanac, l)),
        _ => "no answers yet".into(),
    };
    let _ = writeln!(
        out,
        "\n**Overall:** {overall}; {} of {} questions answered, {} skipped.\n",
        r.answered, r.total, r.skipped
    );
    let counts: Vec<String> = r
        .level_counts
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", level_name(almanac, i as u8 + 1)))
        .collect();
    let _ = writeln!(out, "Answers by level: {}.\n", counts.join(", "));
}

fn read_next(out: &mut String, almanac: &Almanac, r: &Results) {
    let weak = weakest(almanac, r, 3);
    if weak.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Read next\n");
    for (n, w) in weak.iter().enumerate() {
        let x = &almanac.outcomes[w.outcome];
        let _ = writeln!(
            out,
            "{}. **{}** ({}, {})",
            n + 1,
            cell(&x.title),
            fmt2(w.score),
            level_name(almanac, w.level)
        );
        for g in &w.guidance {
            let effort = match g {
                ItemRef::Guidance(o, i) => almanac.outcomes[*o].guidance[*i].effort.as_str(),
                _ => "",
            };
            let _ = writeln!(
                out,
                "   - {} (`{}`, effort {effort})",
                cell(almanac.title(*g)),
                almanac.id(*g)
            );
        }
    }
    out.push('\n');
}

fn answers(out: &mut String, almanac: &Almanac, a: &Assessment, r: &Results) {
    let _ = writeln!(out, "## Answers");
    for o in &r.outcomes {
        let x = &almanac.outcomes[o.outcome];
        let _ = writeln!(out, "\n### {}. {}", x.number, cell(&x.title));
        for q in &o.questions {
            let ItemRef::Question(qo, qi) = *q else {
                continue;
            };
            let question = &almanac.outcomes[qo].questions[qi];
            let ans = a.answers.get(&question.id);
            let _ = writeln!(
                out,
                "\n**{}** (`{}`)\n",
                cell(&question.prompt),
                question.id
            );
            let answer = match ans {
                Some(x) if x.skipped => "skipped".to_string(),
                Some(x) if x.level.is_some() => {
                    let l = x.level.unwrap_or(1);
                    let descriptor = question
                        .levels
                        .get(usize::from(l) - 1)
                        .map_or("", String::as_str);
                    format!("{}: {}", level_text(almanac, Some(l)), cell(descriptor))
                }
                _ => "not answered".to_string(),
            };
            let _ = writeln!(out, "- Answer: {answer}");
            if let Some(t) = ans.and_then(|x| x.target) {
                let _ = writeln!(out, "- Target: {}", level_text(almanac, Some(t)));
            }
            if let Some(notes) = ans.map(|x| x.notes.trim()).filter(|n| !n.is_empty()) {
                out.push('\n');
                for line in notes.lines() {
                    let line = line.trim_end();
                    if line.is_empty() {
                        out.push_str(">\n");
                    } else {
                        let _ = writeln!(out, "> {line}");
                    }
                }
            }
        }
    }
    if !r.unknown_answers.is_empty() {
        let _ = writeln!(
            out,
            "\nAnswers to questions this almanac does not have (another edition): {}.",
            r.unknown_answers
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out.push('\n');
}

fn plan(out: &mut String, almanac: &Almanac, a: &Assessment) {
    let _ = writeln!(out, "## Action plan\n");
    if a.plan.is_empty() {
        let _ = writeln!(out, "No actions chosen yet.");
        return;
    }
    let _ = writeln!(out, "| # | Action | Owner | Due | Done | Note |");
    let _ = writeln!(out, "|--:|--------|-------|-----|------|------|");
    for (n, p) in a.plan.iter().enumerate() {
        let title =
            guidance_title(almanac, &p.guidance).unwrap_or_else(|| "(not in this almanac)".into());
        let _ = writeln!(
            out,
            "| {} | {} (`{}`) | {} | {} | {} | {} |",
            n + 1,
            cell(&title),
            p.guidance,
            cell(&p.owner),
            p.due.as_deref().unwrap_or("–"),
            if p.done { "yes" } else { "no" },
            cell(&p.note)
        );
    }
}

/// RFC 4180 quoting; a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
/// tab or carriage return first) is prefixed with `'`, as OWASP advises against CSV injection.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_row(out: &mut String, fields: &[String]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    out.push('\n');
}

/// One row per question counted (in scope or answered), in framework order.
pub fn csv(almanac: &Almanac, a: &Assessment) -> String {
    let r = score(almanac, a);
    let mut out = String::new();
    let header = [
        "outcome_number",
        "outcome",
        "question_id",
        "prompt",
        "level",
        "level_name",
        "target",
        "notes",
        "answered_at",
        "skipped",
    ];
    csv_row(&mut out, &header.map(String::from));
    for o in &r.outcomes {
        let x = &almanac.outcomes[o.outcome];
        for q in &o.questions {
            let ItemRef::Question(qo, qi) = *q else {
                continue;
            };
            let question = &almanac.outcomes[qo].questions[qi];
            let ans = a.answers.get(&question.id);
            let level = ans.and_then(|x| x.level);
            csv_row(
                &mut out,
                &[
                    x.number.to_string(),
                    x.title.clone(),
                    question.id.clone(),
                    question.prompt.clone(),
                    level.map(|l| l.to_string()).unwrap_or_default(),
                    level.map(|l| level_name(almanac, l)).unwrap_or_default(),
                    ans.and_then(|x| x.target)
                        .map(|l| l.to_string())
                        .unwrap_or_default(),
                    ans.map(|x| x.notes.clone()).unwrap_or_default(),
                    ans.and_then(|x| x.answered_at.clone()).unwrap_or_default(),
                    ans.is_some_and(|x| x.skipped).to_string(),
                ],
            );
        }
    }
    out
}

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    format_version: u32,
    schema_version: u32,
    content: JsonContent<'a>,
    organisation: &'a str,
    people: &'a [String],
    started: &'a str,
    updated: &'a str,
    completed: Option<&'a str>,
    scope: &'a super::Scope,
    overall: JsonOverall,
    outcomes: Vec<JsonOutcome<'a>>,
    unknown_answers: &'a [String],
    plan: Vec<JsonPlan<'a>>,
}

#[derive(Serialize)]
struct JsonContent<'a> {
    title: &'a str,
    edition: u16,
    answered_against_edition: u16,
}

#[derive(Serialize)]
struct JsonOverall {
    score: Option<f64>,
    level: Option<u8>,
    level_name: Option<String>,
    answered: usize,
    skipped: usize,
    total: usize,
    /// Answers at each level, lowest first.
    level_counts: [usize; 5],
}

#[derive(Serialize)]
struct JsonOutcome<'a> {
    number: u32,
    id: &'a str,
    title: &'a str,
    score: Option<f64>,
    level: Option<u8>,
    level_name: Option<String>,
    target: Option<f64>,
    gap: Option<f64>,
    answered: usize,
    skipped: usize,
    total: usize,
    questions: Vec<JsonQuestion<'a>>,
}

#[derive(Serialize)]
struct JsonQuestion<'a> {
    id: &'a str,
    prompt: &'a str,
    level: Option<u8>,
    level_name: Option<String>,
    target: Option<u8>,
    notes: &'a str,
    answered_at: Option<&'a str>,
    skipped: bool,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    guidance: &'a str,
    title: Option<String>,
    owner: &'a str,
    due: Option<&'a str>,
    note: &'a str,
    done: bool,
}

/// The assessment, its results and its plan; scores rounded to two decimals.
pub fn json(almanac: &Almanac, a: &Assessment) -> String {
    let r = score(almanac, a);
    let name = |l: Option<u8>| l.map(|l| level_name(almanac, l));
    let outcomes = r
        .outcomes
        .iter()
        .map(|o| {
            let x = &almanac.outcomes[o.outcome];
            JsonOutcome {
                number: x.number,
                id: &x.id,
                title: &x.title,
                score: o.score.map(round2),
                level: o.level,
                level_name: name(o.level),
                target: o.target.map(round2),
                gap: o.gap.map(round2),
                answered: o.answered,
                skipped: o.skipped,
                total: o.total,
                questions: o
                    .questions
                    .iter()
                    .filter_map(|q| match *q {
                        ItemRef::Question(qo, qi) => Some(&almanac.outcomes[qo].questions[qi]),
                        _ => None,
                    })
                    .map(|q| {
                        let ans = a.answers.get(&q.id);
                        let level = ans.and_then(|x| x.level);
                        JsonQuestion {
                            id: &q.id,
                            prompt: &q.prompt,
                            level,
                            level_name: name(level),
                            target: ans.and_then(|x| x.target),
                            notes: ans.map_or("", |x| x.notes.as_str()),
                            answered_at: ans.and_then(|x| x.answered_at.as_deref()),
                            skipped: ans.is_some_and(|x| x.skipped),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let export = JsonExport {
        format: "almanac-assessment",
        format_version: 1,
        schema_version: a.schema_version,
        content: JsonContent {
            title: &almanac.meta.title,
            edition: almanac.meta.edition,
            answered_against_edition: a.edition,
        },
        organisation: &a.organisation,
        people: &a.people,
        started: &a.started,
        updated: &a.updated,
        completed: a.completed.as_deref(),
        scope: &a.scope,
        overall: JsonOverall {
            score: r.overall.map(round2),
            level: r.overall_level,
            level_name: name(r.overall_level),
            answered: r.answered,
            skipped: r.skipped,
            total: r.total,
            level_counts: r.level_counts,
        },
        outcomes,
        unknown_answers: &r.unknown_answers,
        plan: a
            .plan
            .iter()
            .map(|p| JsonPlan {
                guidance: &p.guidance,
                title: guidance_title(almanac, &p.guidance),
                owner: &p.owner,
                due: p.due.as_deref(),
                note: &p.note,
                done: p.done,
            })
            .collect(),
    };
    // Plain data with string keys: serialisation cannot fail.
    let mut s = serde_json::to_string_pretty(&export).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("- bullet"), "'- bullet");
        assert_eq!(csv_field("@SUM(1)"), "'@SUM(1)");
        assert_eq!(csv_field(" padded"), "\" padded\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn table_cells_stay_on_one_line() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(cell("  "), "–");
    }

    #[test]
    fn formats_parse() {
        assert_eq!(Format::parse("MD"), Some(Format::Markdown));
        assert_eq!(Format::parse("markdown"), Some(Format::Markdown));
        assert_eq!(Format::parse("json").map(Format::extension), Some("json"));
        assert_eq!(Format::parse("xlsx"), None);
    }
}
