//! Every item as one Markdown document. `almanac show`, copy-to-clipboard, the reading
//! view and search snippets all use this, so an item reads the same everywhere.

use std::fmt::Write;

use super::{Almanac, CaseKind, ItemRef};

impl Almanac {
    /// The item's body as Markdown, without its title heading or links.
    pub fn body_markdown(&self, r: ItemRef) -> String {
        let mut out = String::new();
        match r {
            ItemRef::Outcome(o) => {
                let x = &self.outcomes[o];
                let _ = writeln!(
                    out,
                    "*Outcome {} of {}: {}*\n",
                    x.number,
                    self.outcomes.len(),
                    x.summary
                );
                let _ = writeln!(
                    out,
                    "{}\n\n## Why it matters\n\n{}",
                    x.overview.trim(),
                    x.why_it_matters.trim()
                );
                if !x.tags.is_empty() {
                    let _ = writeln!(out, "\n*Tags:* {}", x.tags.join(", "));
                }
            }
            ItemRef::Guidance(o, i) => {
                let g = &self.outcomes[o].guidance[i];
                let audience: Vec<&str> = g.audience.iter().map(|a| a.as_str()).collect();
                let _ = writeln!(
                    out,
                    "*For {} · effort {}*\n\n{}",
                    audience.join(", "),
                    g.effort.as_str(),
                    g.body.trim()
                );
            }
            ItemRef::Challenge(o, i) => {
                let c = &self.outcomes[o].challenges[i];
                let _ = writeln!(out, "{}\n\n## How to get past it\n", c.body.trim());
                for m in &c.mitigations {
                    let _ = writeln!(out, "- {}", m.trim());
                }
            }
            ItemRef::CaseStudy(o, i) => {
                let c = &self.outcomes[o].case_studies[i];
                let kind = match c.kind {
                    CaseKind::Documented => "documented case",
                    CaseKind::Illustrative => "illustrative composite, not a real council",
                };
                let _ = writeln!(
                    out,
                    "*{} · {} · {}*\n\n{}",
                    c.organisation,
                    c.year,
                    kind,
                    c.body.trim()
                );
                let _ = writeln!(out, "\n## Results\n\n{}\n\n## Lessons\n", c.results.trim());
                for l in &c.lessons {
                    let _ = writeln!(out, "- {}", l.trim());
                }
                if !c.sources.is_empty() {
                    let _ = writeln!(out, "\n## Sources\n");
                    for s in &c.sources {
                        let _ = writeln!(out, "- [{}]({})", s.title.trim(), s.url.trim());
                    }
                }
            }
            ItemRef::Question(o, i) => {
                let q = &self.outcomes[o].questions[i];
                let quick = if q.core {
                    "*Part of the quick assessment.*\n\n"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "{quick}## Evidence\n\n{}\n\n## Levels\n",
                    q.help.trim()
                );
                for (n, level) in q.levels.iter().enumerate() {
                    let name = self.meta.scale.get(n).map_or("", |s| s.name.as_str());
                    let _ = writeln!(out, "{}. **{}**: {}", n + 1, name, level.trim());
                }
            }
            ItemRef::CouncillorQuestion(o, i) => {
                let q = &self.outcomes[o].councillor_questions[i];
                let _ = writeln!(
                    out,
                    "*A question for elected members to ask officers about {}.*\n\n> {}",
                    self.outcomes[o].title,
                    q.text.trim()
                );
            }
            ItemRef::Reading(o, i) => {
                let rd = &self.outcomes[o].reading[i];
                let _ = writeln!(
                    out,
                    "*Published by {}*\n\n[{}]({})",
                    rd.publisher, rd.title, rd.url
                );
            }
            ItemRef::Term(t) => {
                let _ = writeln!(out, "{}", self.glossary[t].definition.trim());
            }
        }
        out
    }

    /// The whole item as a standalone Markdown document, title first, with its links
    /// listed at the end (the reading view shows links as selectable entries instead).
    pub fn markdown(&self, r: ItemRef) -> String {
        let mut out = format!("# {}\n\n", self.title(r));
        if let Some(o) = r.outcome().filter(|_| r.kind() != super::Kind::Outcome) {
            let _ = writeln!(out, "*{} · {}*\n", r.kind().label(), self.outcomes[o].title);
        }
        out.push_str(&self.body_markdown(r));
        let links = self.link_refs(r);
        if !links.is_empty() {
            let _ = writeln!(out, "\n## See also\n");
            for l in links {
                let _ = writeln!(out, "- {} ({})", self.title(l), self.id(l));
            }
        }
        out
    }
}
