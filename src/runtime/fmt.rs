//! Number formatting (spec 4.10, 8.2) into a fixed buffer, without host allocation.
//!
//! Floats print like C `printf("%.*f")` of the value as `f64`: correctly rounded from the
//! exact binary value with ties to even (Rust's fixed-precision formatting does exactly
//! this), all integer digits, `inf`, `-inf` and `nan`.

use std::fmt::Write as _;

/// Enough for the integer digits of `f64::MAX` (309), a point and 100 decimals.
pub const BUF: usize = 448;

/// A stack buffer that implements `fmt::Write`.
pub struct Text {
    buf: [u8; BUF],
    len: usize,
}

impl Default for Text {
    fn default() -> Self {
        Text {
            buf: [0; BUF],
            len: 0,
        }
    }
}

impl Text {
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::fmt::Write for Text {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > BUF {
            return Err(std::fmt::Error);
        }
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// `x` with `digits` decimals (`digits` ≤ 100).
pub fn fixed(x: f64, digits: usize) -> Text {
    let mut t = Text::default();
    let _ = if x.is_nan() {
        t.write_str("nan")
    } else if x.is_infinite() {
        t.write_str(if x > 0.0 { "inf" } else { "-inf" })
    } else {
        write!(t, "{x:.digits$}")
    };
    t
}

pub fn int(v: i64) -> Text {
    let mut t = Text::default();
    let _ = write!(t, "{v}");
    t
}

pub fn uint(v: u64) -> Text {
    let mut t = Text::default();
    let _ = write!(t, "{v}");
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, d: usize) -> String {
        String::from_utf8(fixed(x, d).as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn matches_c_printf() {
        assert_eq!(f(1.5, 6), "1.500000");
        assert_eq!(f(0.25f32 as f64, 6), "0.250000");
        assert_eq!(f(1e20, 6), "100000000000000000000.000000");
        assert_eq!(f(0.1 + 0.2, 17), "0.30000000000000004");
        assert_eq!(f(0.1f32 as f64, 10), "0.1000000015");
        assert_eq!(f(0.125, 2), "0.12");
        assert_eq!(f(2.5, 0), "2");
        assert_eq!(f(-0.5, 1), "-0.5");
        assert_eq!(f(-0.0, 2), "-0.00");
        assert_eq!(f(f64::INFINITY, 2), "inf");
        assert_eq!(f(f64::NEG_INFINITY, 6), "-inf");
        assert_eq!(f(f64::NAN, 6), "nan");
        assert_eq!(f(f64::MAX, 100).len(), 309 + 1 + 100);
    }

    #[test]
    fn integers() {
        assert_eq!(int(-7).as_bytes(), b"-7");
        assert_eq!(uint(u64::MAX).as_bytes(), b"18446744073709551615");
    }
}
