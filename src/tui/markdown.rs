//! Markdown to styled, wrapped terminal lines. Wrapping happens here (not in ratatui's
//! `Paragraph`) so the reading view knows exactly how many lines a document has and can
//! scroll by line, half page and page. Links become numbered references `[n]`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;

/// A rendered document: lines at a given width and the URLs its references point to.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub lines: Vec<Line<'static>>,
    /// `urls[n - 1]` is reference `[n]`: (link text, address).
    pub urls: Vec<(String, String)>,
}

/// A run of text with one style, before wrapping.
struct Piece {
    text: String,
    style: Style,
}

struct Block {
    /// First-line prefix (bullet, number, quote bar) and continuation prefix.
    first: String,
    rest: String,
    pieces: Vec<Piece>,
    preformatted: bool,
}

/// Renders Markdown to lines no wider than `width` display cells.
pub fn render(markdown: &str, width: u16, theme: &Theme) -> Rendered {
    let width = usize::from(width.max(8));
    let mut r = Renderer {
        theme,
        width,
        out: Rendered::default(),
        styles: vec![theme.text],
        block: None,
        list_stack: Vec::new(),
        quote_depth: 0,
        pending_link: None,
        item_prefix: None,
    };
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    for event in parser {
        r.event(event);
    }
    r.flush();
    while r.out.lines.last().is_some_and(|l| l.width() == 0) {
        r.out.lines.pop();
    }
    r.out
}

struct Renderer<'t> {
    theme: &'t Theme,
    width: usize,
    out: Rendered,
    styles: Vec<Style>,
    block: Option<Block>,
    /// `None` for bullets, `Some(n)` for the next number of an ordered list.
    list_stack: Vec<Option<u64>>,
    quote_depth: usize,
    pending_link: Option<(String, String)>,
    /// Prefix for the first block inside a list item.
    item_prefix: Option<(String, String)>,
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        *self.styles.last().unwrap_or(&Style::default())
    }

    fn push_style(&mut self, patch: Style) {
        let s = self.style().patch(patch);
        self.styles.push(s);
    }

    fn pop_style(&mut self) {
        if self.styles.len() > 1 {
            self.styles.pop();
        }
    }

    fn indent(&self) -> String {
        let mut s = "│ ".repeat(self.quote_depth);
        s.push_str(&"  ".repeat(self.list_stack.len().saturating_sub(1)));
        s
    }

    fn start_block(&mut self, preformatted: bool) {
        self.flush();
        let base = self.indent();
        let (first, rest) = match self.item_prefix.take() {
            Some((f, r)) => (format!("{base}{f}"), format!("{base}{r}")),
            None if !self.list_stack.is_empty() => {
                let pad = format!("{base}  ");
                (pad.clone(), pad)
            }
            None => (base.clone(), base),
        };
        self.block = Some(Block {
            first,
            rest,
            pieces: Vec::new(),
            preformatted,
        });
    }

    fn text(&mut self, text: &str) {
        if self.block.is_none() {
            self.start_block(false);
        }
        let style = self.style();
        if let Some((t, _)) = &mut self.pending_link {
            t.push_str(text);
        }
        if let Some(b) = &mut self.block {
            b.pieces.push(Piece {
                text: text.to_string(),
                style,
            });
        }
    }

    fn blank(&mut self) {
        if self.out.lines.last().is_some_and(|l| l.width() > 0) {
            self.out.lines.push(Line::default());
        }
    }

    fn event(&mut self, event: Event<'_>) {
        let t = self.theme;
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => self.start_block(false),
                Tag::Heading { level, .. } => {
                    self.flush();
                    self.blank();
                    self.start_block(false);
                    let style = if level == HeadingLevel::H1 {
                        t.title
                    } else {
                        t.heading
                    };
                    self.push_style(style);
                }
                Tag::BlockQuote(_) => {
                    self.flush();
                    self.quote_depth += 1;
                    self.push_style(t.quote);
                }
                Tag::CodeBlock(_) => {
                    self.start_block(true);
                    self.push_style(t.code);
                }
                Tag::List(start) => {
                    self.flush();
                    if self.list_stack.is_empty() {
                        self.blank();
                    }
                    self.list_stack.push(start);
                }
                Tag::Item => {
                    self.flush();
                    let marker = match self.list_stack.last_mut() {
                        Some(Some(n)) => {
                            let m = format!("{n}. ");
                            *n += 1;
                            m
                        }
                        _ => "• ".to_string(),
                    };
                    let pad = " ".repeat(marker.width());
                    self.item_prefix = Some((marker, pad));
                }
                Tag::Emphasis => self.push_style(t.emphasis),
                Tag::Strong => self.push_style(t.strong),
                Tag::Strikethrough => self.push_style(t.dim),
                Tag::Link { dest_url, .. } => {
                    self.pending_link = Some((String::new(), dest_url.to_string()));
                    self.push_style(t.link);
                }
                Tag::Table(_) | Tag::TableHead | Tag::TableRow => self.start_block(false),
                Tag::TableCell => self.text(" "),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => {
                    self.flush();
                    if self.list_stack.is_empty() {
                        self.blank();
                    }
                }
                TagEnd::Heading(_) => {
                    self.pop_style();
                    self.flush();
                    self.blank();
                }
                TagEnd::BlockQuote(_) => {
                    self.flush();
                    self.quote_depth = self.quote_depth.saturating_sub(1);
                    self.pop_style();
                    self.blank();
                }
                TagEnd::CodeBlock => {
                    self.pop_style();
                    self.flush();
                    self.blank();
                }
                TagEnd::List(_) => {
                    self.flush();
                    self.list_stack.pop();
                    if self.list_stack.is_empty() {
                        self.blank();
                    }
                }
                TagEnd::Item => self.flush(),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.pop_style(),
                TagEnd::Link => {
                    self.pop_style();
                    if let Some((text, url)) = self.pending_link.take() {
                        self.out.urls.push((text, url));
                        let n = self.out.urls.len();
                        let style = self.theme.dim;
                        if let Some(b) = &mut self.block {
                            b.pieces.push(Piece {
                                text: format!("[{n}]"),
                                style,
                            });
                        }
                    }
                }
                TagEnd::TableRow | TagEnd::TableHead => self.flush(),
                TagEnd::TableCell => self.text(" │"),
                _ => {}
            },
            Event::Text(text) => self.text(&text),
            Event::Code(code) => {
                self.push_style(self.theme.code);
                self.text(&code);
                self.pop_style();
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                self.flush();
                self.start_block(false);
            }
            Event::Rule => {
                self.flush();
                self.out
                    .lines
                    .push(Line::styled("─".repeat(self.width.min(40)), self.theme.dim));
                self.blank();
            }
            _ => {}
        }
    }

    fn flush(&mut self) {
        let Some(block) = self.block.take() else {
            return;
        };
        if block.pieces.iter().all(|p| p.text.trim().is_empty()) && !block.preformatted {
            return;
        }
        if block.preformatted {
            let text: String = block.pieces.iter().map(|p| p.text.as_str()).collect();
            let style = block.pieces.first().map_or(self.theme.code, |p| p.style);
            for line in text.trim_end_matches('\n').split('\n') {
                let clipped = truncate(&format!("{}    {line}", block.rest), self.width);
                self.out.lines.push(Line::styled(clipped, style));
            }
            return;
        }
        wrap_into(&block, self.width, self.theme.dim, &mut self.out.lines);
    }
}

/// Greedy word wrap of styled pieces with a hanging prefix.
fn wrap_into(block: &Block, width: usize, prefix_style: Style, out: &mut Vec<Line<'static>>) {
    // Split pieces into words (keeping each word's style runs) and spaces.
    let mut words: Vec<Vec<(String, Style)>> = Vec::new();
    let mut current: Vec<(String, Style)> = Vec::new();
    for piece in &block.pieces {
        for (i, part) in piece.text.split(' ').enumerate() {
            if i > 0 && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            if !part.is_empty() {
                current.push((part.to_string(), piece.style));
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut line: Vec<Span<'static>> = vec![Span::styled(block.first.clone(), prefix_style)];
    let mut used = block.first.width();
    let mut empty = true;
    let rest_width = block.rest.width();
    for word in words {
        let w: usize = word.iter().map(|(t, _)| t.width()).sum();
        if !empty && used + 1 + w > width {
            out.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::styled(block.rest.clone(), prefix_style));
            used = rest_width;
            empty = true;
        }
        if !empty {
            line.push(Span::styled(" ", word[0].1));
            used += 1;
        }
        for (text, style) in word {
            // A word longer than the line is broken by grapheme.
            let mut chunk = String::new();
            for g in text.graphemes(true) {
                let gw = g.width();
                if used + gw > width && used > rest_width {
                    if !chunk.is_empty() {
                        line.push(Span::styled(std::mem::take(&mut chunk), style));
                    }
                    out.push(Line::from(std::mem::take(&mut line)));
                    line.push(Span::styled(block.rest.clone(), prefix_style));
                    used = rest_width;
                }
                chunk.push_str(g);
                used += gw;
            }
            if !chunk.is_empty() {
                line.push(Span::styled(chunk, style));
            }
        }
        empty = false;
    }
    out.push(Line::from(line));
}

/// Cuts `s` to at most `width` display cells, ending with `…` when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(r: &Rendered) -> Vec<String> {
        r.lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_to_width_and_keeps_every_word() {
        let text = "The quick brown fox jumps over the lazy dog and keeps running far away.";
        let r = render(text, 20, &Theme::monochrome());
        for line in plain(&r) {
            assert!(line.width() <= 20, "{line:?}");
        }
        let joined = plain(&r).join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>().join(" "),
            text
        );
    }

    #[test]
    fn lists_headings_quotes_and_links() {
        let md = "## Steps\n\n- first item that is long enough to wrap around\n- second\n\n1. one\n2. two\n\n> quoted\n\nSee [the CAF](https://example.org/caf).";
        let r = render(md, 30, &Theme::monochrome());
        let lines = plain(&r);
        assert_eq!(lines[0], "Steps");
        assert!(lines.iter().any(|l| l.starts_with("• first")));
        assert!(
            lines.iter().any(|l| l.starts_with("  ")),
            "hanging indent: {lines:?}"
        );
        assert!(lines.iter().any(|l| l == "1. one"));
        assert!(lines.iter().any(|l| l == "│ quoted"));
        assert!(lines.iter().any(|l| l.contains("the CAF[1]")));
        assert_eq!(
            r.urls,
            vec![("the CAF".to_string(), "https://example.org/caf".to_string())]
        );
    }

    #[test]
    fn wide_characters_are_measured_by_display_width() {
        let r = render("漢字漢字漢字漢字漢字漢字", 10, &Theme::monochrome());
        for line in plain(&r) {
            assert!(line.width() <= 10, "{line:?}");
        }
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("Résumé of things", 7), "Résumé…");
    }
}
