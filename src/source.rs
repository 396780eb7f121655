//! Source text and positions.
//!
//! A [`Span`] is a half-open range of byte offsets into one module's source. Line and
//! column numbers are computed only when a diagnostic is rendered ([`SourceFile::line_col`]),
//! so every phase carries two `u32`s per node and nothing more.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (language spec 2.1); columns are 1-based and
//! counted in bytes.

use std::sync::Arc;

/// A half-open byte range `lo..hi` in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    pub const fn new(lo: u32, hi: u32) -> Span {
        Span { lo, hi }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.lo.min(other.lo), self.hi.max(other.hi))
    }

    /// An empty span at the end of `self`.
    pub fn end(self) -> Span {
        Span::new(self.hi, self.hi)
    }
}

/// One module's source text with its name and a table of line starts.
#[derive(Debug)]
pub struct SourceFile {
    /// The module name.
    pub name: String,
    /// The file the text came from, if any; diagnostics show it instead of the name.
    pub path: Option<String>,
    pub text: Vec<u8>,
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Vec<u8>>) -> Arc<SourceFile> {
        SourceFile::with_path(name, None, text)
    }

    pub fn with_path(
        name: impl Into<String>,
        path: Option<String>,
        text: impl Into<Vec<u8>>,
    ) -> Arc<SourceFile> {
        let text = text.into();
        let mut line_starts = vec![0u32];
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if text.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        Arc::new(SourceFile {
            name: name.into(),
            path,
            text,
            line_starts,
        })
    }

    /// How diagnostics name this source: its path, or else its module name.
    pub fn display_name(&self) -> &str {
        self.path.as_deref().unwrap_or(&self.name)
    }

    /// 1-based line and column of byte offset `pos`.
    pub fn line_col(&self, pos: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&pos) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        (line as u32 + 1, pos - self.line_starts[line] + 1)
    }

    /// The text of 1-based line `line` without its line end.
    pub fn line_text(&self, line: u32) -> &[u8] {
        let idx = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(idx) else {
            return &[];
        };
        let mut end = self
            .line_starts
            .get(idx + 1)
            .map(|&e| e as usize)
            .unwrap_or(self.text.len());
        while end > start as usize && matches!(self.text[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        &self.text[start as usize..end]
    }

    pub fn slice(&self, span: Span) -> &[u8] {
        let hi = (span.hi as usize).min(self.text.len());
        let lo = (span.lo as usize).min(hi);
        &self.text[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_handles_all_line_ends() {
        let f = SourceFile::new("m", "ab\ncd\r\nef\rgh");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(1), (1, 2));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(7), (3, 1));
        assert_eq!(f.line_col(10), (4, 1));
        assert_eq!(f.line_text(2), b"cd");
        assert_eq!(f.line_text(3), b"ef");
        assert_eq!(f.line_text(4), b"gh");
        assert_eq!(f.line_text(9), b"");
    }

    #[test]
    fn span_union() {
        assert_eq!(Span::new(4, 6).to(Span::new(1, 3)), Span::new(1, 6));
        assert_eq!(Span::new(4, 6).end(), Span::new(6, 6));
    }
}
