//! `almanac search`: the overlay's search engine on the command line, as aligned
//! columns for people or JSON for scripts.

use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::content::{Almanac, Kind, text};
use crate::search::{Index, OutcomeFilter, Query, Scope, kind_names};

use super::{EXIT_INVALID, emit, fail};

/// Query syntax, shown by `almanac search --help`.
pub const QUERY_HELP: &str = "\
Query syntax:
  word word    every word must match (titles count most; a typo in a long word is forgiven)
  'word        exact text only: no fuzzy or typo matching
  !word        leave out items that contain the text
  @kind        only one kind: @guidance, @challenge, @case, @question, @councillor,
               @reading, @glossary, @outcome
  #N or #id    only one outcome area: #10, #security

Case and accents are ignored: \"resume\" finds \"Résumé\".

Examples:
  almanac search ransomware
  almanac search data sharing @guidance
  almanac search backups '#security' --json";

#[derive(Debug, Args)]
#[command(after_help = QUERY_HELP)]
pub struct SearchArgs {
    /// What to look for (see the query syntax below).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only items of this kind: outcome, guidance, challenge, case-study, question,
    /// councillor-question, reading or term.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,

    /// Only items of this outcome area, by number (10) or id (security).
    #[arg(long, value_name = "N")]
    pub outcome: Option<String>,

    /// Show at most this many results; 0 shows them all.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,

    /// Print a JSON array for scripts.
    #[arg(long)]
    pub json: bool,
}

/// One result as `--json` prints it.
#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    kind: &'static str,
    title: String,
    outcome: Option<String>,
    outcome_number: Option<u32>,
    score: i32,
    snippet: Option<String>,
}

pub fn run(a: &Almanac, args: &SearchArgs) -> ExitCode {
    let mut scope = Scope::default();
    if let Some(k) = &args.kind {
        match Kind::parse(k) {
            Some(kind) => scope.kind = Some(kind),
            None => {
                return fail(
                    EXIT_INVALID,
                    &format!("unknown kind `{k}`: use {}", kind_names()),
                );
            }
        }
    }
    if let Some(o) = &args.outcome {
        let o = o.trim();
        scope.outcome = Some(match o.parse::<u32>() {
            Ok(n) => OutcomeFilter::Number(n),
            Err(_) => OutcomeFilter::Id(o.to_lowercase()),
        });
    }
    let query = Query::parse(&args.query.join(" ")).with_scope(&scope);
    let index = Index::new(a);
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let results = index.search(&query, limit);
    if let Some(problem) = results.problems.first() {
        return fail(EXIT_INVALID, problem);
    }
    if results.hits.is_empty() {
        eprintln!("almanac: no results");
    } else if results.matched > results.hits.len() {
        eprintln!(
            "almanac: showing {} of {} matches (use --limit)",
            results.hits.len(),
            results.matched
        );
    }
    if args.json {
        let hits: Vec<JsonHit> = results
            .hits
            .iter()
            .map(|h| {
                let outcome = h.item.outcome().map(|o| &a.outcomes[o]);
                JsonHit {
                    id: a.id(h.item),
                    kind: h.item.kind().name(),
                    title: text::one_line(a.title(h.item)),
                    outcome: outcome.map(|o| text::one_line(&o.title)),
                    outcome_number: outcome.map(|o| o.number),
                    score: h.score,
                    snippet: h.snippet.as_ref().map(|s| s.text.clone()),
                }
            })
            .collect();
        return match serde_json::to_string_pretty(&hits) {
            Ok(s) => emit(&(s + "\n")),
            Err(e) => fail(1, &format!("cannot write JSON: {e}")),
        };
    }
    let rows: Vec<[String; 4]> = results
        .hits
        .iter()
        .map(|h| {
            [
                h.item.kind().name().to_string(),
                a.id(h.item).to_string(),
                text::one_line(a.title(h.item)),
                h.item
                    .outcome()
                    .map_or(String::new(), |o| text::one_line(&a.outcomes[o].title)),
            ]
        })
        .collect();
    emit(&columns(&rows))
}

/// Longest title column before titles are cut short.
const TITLE_WIDTH: usize = 60;

/// Aligns the rows in columns two spaces apart; long titles end in `…`.
fn columns(rows: &[[String; 4]]) -> String {
    let width = |i: usize| rows.iter().map(|r| r[i].width()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2).min(TITLE_WIDTH)];
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (cell, &w) in r.iter().zip(&widths) {
            line.push_str(&fit(cell, w));
            line.push_str("  ");
        }
        line.push_str(&r[3]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `s` padded or cut to exactly `width` display columns.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return format!("{s}{}", " ".repeat(width - s.width()));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    used += 1;
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("東京都庁", 5), "東京…");
        assert_eq!(fit("東京都庁", 6), "東京… ");
        assert_eq!(fit("東京", 4), "東京");
    }
}
