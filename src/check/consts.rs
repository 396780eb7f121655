//! Constant values and the run-time rules applied at compile time.
//!
//! Constant expressions (spec 4.12) are evaluated with exactly the run-time rules:
//! wraparound, truncating division, the conversion rules of spec 3.8. The same functions
//! fold conversions and operators on literals so the lowering sees plain constants.
//! Integer constants are kept as 64-bit patterns normalised for their type: sign-extended
//! for signed types, zero-extended for unsigned ones and `bool`.

use super::types::Prim;
use crate::ast::{BinOp, UnOp};

/// A constant of a primitive type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Const {
    Int(u64),
    Float(f64),
}

/// Truncates `bits` to the width of `p` and extends it back to 64 bits.
pub fn normalize(bits: u64, p: Prim) -> u64 {
    match p {
        Prim::Bool => (bits != 0) as u64,
        Prim::I8 => bits as i8 as i64 as u64,
        Prim::U8 => bits as u8 as u64,
        Prim::I16 => bits as i16 as i64 as u64,
        Prim::U16 => bits as u16 as u64,
        Prim::I32 => bits as i32 as i64 as u64,
        Prim::U32 => bits as u32 as u64,
        Prim::I64 | Prim::U64 => bits,
        Prim::F32 | Prim::F64 => bits,
    }
}

/// The value of a normalised integer constant of type `p` as an `f64`.
fn int_to_f64(bits: u64, p: Prim) -> f64 {
    if p.is_signed() {
        bits as i64 as f64
    } else {
        bits as f64
    }
}

/// Float to integer (spec 3.8): truncate, NaN is 0, saturate to the i64 range (u64 for
/// an unsigned target and a non-negative value), then wrap to the target.
pub fn float_to_int_bits(x: f64, to: Prim) -> u64 {
    let bits = if !to.is_signed() && x >= 0.0 {
        x as u64
    } else {
        x as i64 as u64
    };
    normalize(bits, to)
}

/// Converts constant `c` of type `from` to type `to` (spec 3.8).
pub fn convert(c: Const, from: Prim, to: Prim) -> Const {
    match (c, to) {
        (Const::Int(bits), Prim::Bool) => Const::Int((bits != 0) as u64),
        (Const::Float(x), Prim::Bool) => Const::Int((x != 0.0 || x.is_nan()) as u64),
        (Const::Int(bits), Prim::F32) => {
            let v = if from.is_signed() {
                bits as i64 as f32
            } else {
                bits as f32
            };
            Const::Float(v as f64)
        }
        (Const::Int(bits), Prim::F64) => Const::Float(int_to_f64(bits, from)),
        (Const::Int(bits), _) => Const::Int(normalize(bits, to)),
        (Const::Float(x), Prim::F32) => Const::Float(x as f32 as f64),
        (Const::Float(x), Prim::F64) => Const::Float(x),
        (Const::Float(x), _) => Const::Int(float_to_int_bits(x, to)),
    }
}

/// Folds `op c` in type `p` (the promoted operand type; `bool` for `!`).
pub fn unary(op: UnOp, c: Const, p: Prim) -> Option<Const> {
    Some(match (op, c) {
        (UnOp::Plus, c) => c,
        (UnOp::Neg, Const::Int(b)) => Const::Int(normalize(b.wrapping_neg(), p)),
        (UnOp::Neg, Const::Float(x)) => Const::Float(round_to(-x, p)),
        (UnOp::BitNot, Const::Int(b)) => Const::Int(normalize(!b, p)),
        (UnOp::Not, Const::Int(b)) => Const::Int((b == 0) as u64),
        _ => return None,
    })
}

fn round_to(x: f64, p: Prim) -> f64 {
    if p == Prim::F32 { x as f32 as f64 } else { x }
}

/// Folds `a op b` with both operands of type `p` (for shifts: `p` is the left operand's
/// promoted type and `b` any integer). Comparisons give a `bool` constant. Returns
/// None for an integer division by zero, which must fault at run time instead.
pub fn binary(op: BinOp, a: Const, b: Const, p: Prim) -> Option<Const> {
    use BinOp::*;
    match (a, b) {
        (Const::Int(x), Const::Int(y)) => {
            let signed = p.is_signed();
            let wide = p.bits() == 64;
            let r = match op {
                Add => x.wrapping_add(y),
                Sub => x.wrapping_sub(y),
                Mul => x.wrapping_mul(y),
                Div | Rem => {
                    if normalize(y, p) == 0 {
                        return None;
                    }
                    match (signed, wide, op == Div) {
                        (true, true, true) => (x as i64).wrapping_div(y as i64) as u64,
                        (true, true, false) => (x as i64).wrapping_rem(y as i64) as u64,
                        (true, false, true) => (x as i32).wrapping_div(y as i32) as i64 as u64,
                        (true, false, false) => (x as i32).wrapping_rem(y as i32) as i64 as u64,
                        (false, true, true) => x / y,
                        (false, true, false) => x % y,
                        (false, false, true) => ((x as u32) / (y as u32)) as u64,
                        (false, false, false) => ((x as u32) % (y as u32)) as u64,
                    }
                }
                BitAnd => x & y,
                BitOr => x | y,
                BitXor => x ^ y,
                Shl => {
                    let n = (y as u32) & if wide { 63 } else { 31 };
                    x << n
                }
                Shr => {
                    let n = (y as u32) & if wide { 63 } else { 31 };
                    match (signed, wide) {
                        (true, true) => ((x as i64) >> n) as u64,
                        (true, false) => ((x as i32) >> n) as u64,
                        (false, true) => x >> n,
                        (false, false) => ((x as u32) >> n) as u64,
                    }
                }
                Eq | Ne | Lt | Le | Gt | Ge => {
                    let ord = if signed {
                        (x as i64).cmp(&(y as i64))
                    } else {
                        x.cmp(&y)
                    };
                    return Some(Const::Int(compare(op, ord) as u64));
                }
                And | Or => return None,
            };
            Some(Const::Int(normalize(r, p)))
        }
        (Const::Float(x), Const::Float(y)) => {
            let r = match op {
                Add => x + y,
                Sub => x - y,
                Mul => x * y,
                Div => x / y,
                Rem => x % y,
                Eq => return Some(Const::Int((x == y) as u64)),
                Ne => return Some(Const::Int((x != y) as u64)),
                Lt => return Some(Const::Int((x < y) as u64)),
                Le => return Some(Const::Int((x <= y) as u64)),
                Gt => return Some(Const::Int((x > y) as u64)),
                Ge => return Some(Const::Int((x >= y) as u64)),
                _ => return None,
            };
            // f32 arithmetic is single precision: each operation rounds to f32.
            let r = if p == Prim::F32 {
                match op {
                    Add => (x as f32 + y as f32) as f64,
                    Sub => (x as f32 - y as f32) as f64,
                    Mul => (x as f32 * y as f32) as f64,
                    Div => (x as f32 / y as f32) as f64,
                    _ => (x as f32 % y as f32) as f64,
                }
            } else {
                r
            };
            Some(Const::Float(r))
        }
        _ => None,
    }
}

fn compare(op: BinOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        BinOp::Eq => ord == Equal,
        BinOp::Ne => ord != Equal,
        BinOp::Lt => ord == Less,
        BinOp::Le => ord != Greater,
        BinOp::Gt => ord == Greater,
        _ => ord != Less,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_follow_spec_3_8() {
        let m1 = Const::Int(-1i64 as u64);
        assert_eq!(convert(m1, Prim::I32, Prim::U8), Const::Int(255));
        assert_eq!(
            convert(Const::Int(3_000_000_000), Prim::I64, Prim::I32),
            Const::Int(-1294967296i64 as u64)
        );
        assert_eq!(
            convert(Const::Int(16777217), Prim::I32, Prim::F32),
            Const::Float(16777216.0)
        );
        assert_eq!(
            convert(Const::Float(3.99), Prim::F64, Prim::I32),
            Const::Int(3)
        );
        assert_eq!(
            convert(Const::Float(-3.99), Prim::F64, Prim::I32),
            Const::Int(-3i64 as u64)
        );
        assert_eq!(
            convert(Const::Float(-1.0), Prim::F64, Prim::U8),
            Const::Int(255)
        );
        assert_eq!(
            convert(Const::Float(f64::NAN), Prim::F64, Prim::I32),
            Const::Int(0)
        );
        assert_eq!(
            convert(Const::Float(1e30), Prim::F64, Prim::I64),
            Const::Int(i64::MAX as u64)
        );
        assert_eq!(
            convert(Const::Int(300), Prim::I32, Prim::U8),
            Const::Int(44)
        );
        assert_eq!(
            convert(Const::Int(-129i64 as u64), Prim::I32, Prim::I8),
            Const::Int(127)
        );
        assert_eq!(
            convert(Const::Float(f64::NAN), Prim::F64, Prim::Bool),
            Const::Int(1)
        );
    }

    #[test]
    fn integer_folding_wraps_and_truncates() {
        let i = |v: i64| Const::Int(v as u64);
        assert_eq!(
            binary(BinOp::Mul, i(100000), i(100000), Prim::I32),
            Some(i(1410065408))
        );
        assert_eq!(binary(BinOp::Div, i(-17), i(5), Prim::I32), Some(i(-3)));
        assert_eq!(binary(BinOp::Rem, i(-17), i(5), Prim::I32), Some(i(-2)));
        assert_eq!(binary(BinOp::Rem, i(17), i(-5), Prim::I32), Some(i(2)));
        assert_eq!(binary(BinOp::Div, i(1), i(0), Prim::I32), None);
        assert_eq!(
            binary(BinOp::Div, i(i32::MIN as i64), i(-1), Prim::I32),
            Some(i(i32::MIN as i64))
        );
        assert_eq!(binary(BinOp::Shr, i(-16), i(2), Prim::I32), Some(i(-4)));
        assert_eq!(binary(BinOp::Shl, i(1), i(33), Prim::I32), Some(i(2)));
        assert_eq!(
            binary(BinOp::Lt, i(-1), i(1), Prim::I32),
            Some(Const::Int(1))
        );
        assert_eq!(
            binary(
                BinOp::Lt,
                Const::Int(u32::MAX as u64),
                Const::Int(1),
                Prim::U32
            ),
            Some(Const::Int(0))
        );
    }
}
