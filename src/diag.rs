//! Diagnostics as values.
//!
//! Every phase reports problems by pushing a [`Diagnostic`] into a [`Diagnostics`]
//! collector and carrying on, so one compile reports every error in a file. A diagnostic
//! has a stable code (`E0100`, language spec 10.2), a message, a primary span and
//! optional secondary labels; it is rendered against its [`SourceFile`] only at the end:
//!
//! ```text
//! game.gjs:7:9: error[E0300]: cannot convert 'string' to 'i32'
//!     i32 x = 'hello';
//!             ^^^^^^^
//! ```

use crate::source::{SourceFile, Span};
use std::fmt::Write as _;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Note => "note",
        }
    }
}

/// A secondary position with a short explanation.
#[derive(Clone, Debug)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    /// The module the span belongs to; filled in when the diagnostic leaves its phase.
    pub source: Option<Arc<SourceFile>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            labels: Vec::new(),
            source: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Module name, 1-based line and column of the primary span.
    pub fn location(&self) -> (String, u32, u32) {
        match &self.source {
            Some(src) => {
                let (line, col) = src.line_col(self.span.lo);
                (src.name.clone(), line, col)
            }
            None => (String::from("<unknown>"), 0, 0),
        }
    }

    /// The module's file path when it has one, otherwise its name.
    pub fn display_name(&self) -> String {
        self.source
            .as_ref()
            .map(|s| s.display_name().to_string())
            .unwrap_or_else(|| String::from("<unknown>"))
    }

    /// `MODULE:LINE:COL: error[CODE]: message`, the source line and a caret line, then
    /// the labels in the same form.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let (_, line, col) = self.location();
        let name = self.display_name();
        let _ = writeln!(
            out,
            "{name}:{line}:{col}: {}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        );
        if let Some(src) = &self.source {
            render_snippet(&mut out, src, self.span);
            for label in &self.labels {
                let (l, c) = src.line_col(label.span.lo);
                let _ = writeln!(out, "{name}:{l}:{c}: note: {}", label.message);
                render_snippet(&mut out, src, label.span);
            }
        }
        out
    }
}

pub(crate) fn render_snippet(out: &mut String, src: &SourceFile, span: Span) {
    let (line, col) = src.line_col(span.lo);
    let text = src.line_text(line);
    let shown: String = text
        .iter()
        .map(|&b| {
            if b == b'\t' {
                ' '
            } else if (0x20..0x7f).contains(&b) {
                b as char
            } else {
                '?'
            }
        })
        .collect();
    let _ = writeln!(out, "    {shown}");
    let start = (col as usize - 1).min(shown.len());
    let width = (span.hi.saturating_sub(span.lo) as usize)
        .clamp(1, shown.len().saturating_sub(start).max(1));
    let _ = writeln!(out, "    {}{}", " ".repeat(start), "^".repeat(width));
}

/// A collector that phases push into. It knows its source file, so every diagnostic
/// leaves with its location attached.
#[derive(Debug)]
pub struct Diagnostics {
    source: Arc<SourceFile>,
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(source: Arc<SourceFile>) -> Diagnostics {
        Diagnostics {
            source,
            items: Vec::new(),
        }
    }

    pub fn source(&self) -> &Arc<SourceFile> {
        &self.source
    }

    pub fn push(&mut self, mut d: Diagnostic) {
        if d.source.is_none() {
            d.source = Some(self.source.clone());
        }
        self.items.push(d);
    }

    pub fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::error(code, span, message));
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_line_and_caret() {
        let src = SourceFile::new("game", "i32 a = 1;\ni32 x = 'hello';\n");
        let mut diags = Diagnostics::new(src);
        diags.error(
            "E0300",
            Span::new(19, 26),
            "cannot convert 'string' to 'i32'",
        );
        let text = diags.items[0].render();
        assert_eq!(
            text,
            "game:2:9: error[E0300]: cannot convert 'string' to 'i32'\n    i32 x = 'hello';\n            ^^^^^^^\n"
        );
    }
}
