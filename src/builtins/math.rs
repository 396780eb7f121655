//! The `math` module's functions (spec 8.5) on register values.
//!
//! One VM instruction carries a code: the function ([`MathFn`]) times 8 plus the
//! operand kind ([`MathKind`]). Integer kinds compute on the register's 32- or 64-bit
//! value with the type's signedness; float kinds on `f32` or `f64` bits.

use crate::check::hir::MathFn;

/// How the operands of a math instruction are interpreted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathKind {
    F32,
    F64,
    S32,
    U32,
    S64,
    U64,
}

const KINDS: [MathKind; 6] = [
    MathKind::F32,
    MathKind::F64,
    MathKind::S32,
    MathKind::U32,
    MathKind::S64,
    MathKind::U64,
];

const FUNCS: [MathFn; 35] = [
    MathFn::Sqrt,
    MathFn::Cbrt,
    MathFn::Floor,
    MathFn::Ceil,
    MathFn::Round,
    MathFn::Trunc,
    MathFn::Exp,
    MathFn::Log,
    MathFn::Log2,
    MathFn::Log10,
    MathFn::Log1p,
    MathFn::Sin,
    MathFn::Cos,
    MathFn::Tan,
    MathFn::Asin,
    MathFn::Acos,
    MathFn::Atan,
    MathFn::Sinh,
    MathFn::Cosh,
    MathFn::Tanh,
    MathFn::Asinh,
    MathFn::Acosh,
    MathFn::Atanh,
    MathFn::Degrees,
    MathFn::Radians,
    MathFn::Abs,
    MathFn::Sign,
    MathFn::Pow,
    MathFn::Atan2,
    MathFn::Min,
    MathFn::Max,
    MathFn::Random,
    MathFn::Clamp,
    MathFn::Lerp,
    MathFn::RandomSeed,
];

/// The code row (code / 8) of `randomSeed`, the one function without a result: last.
pub const SEED_ROW: i16 = FUNCS.len() as i16 - 1;

/// The instruction code of `f` on `kind`.
pub fn code(f: MathFn, kind: MathKind) -> i16 {
    let fi = FUNCS.iter().position(|&x| x == f).expect("listed") as i16;
    let ki = KINDS.iter().position(|&x| x == kind).expect("listed") as i16;
    fi * 8 + ki
}

/// Decodes an instruction code; None for one no compiler emits.
pub fn decode(code: i16) -> Option<(MathFn, MathKind)> {
    let f = *FUNCS.get((code / 8) as usize)?;
    let k = *KINDS.get((code % 8) as usize)?;
    Some((f, k))
}

/// The next number of the context's generator (xorshift64*).
fn next(rng: &mut u64) -> u64 {
    let mut x = *rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *rng = x;
    x.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

/// Seeds the generator (a zero state would stay zero).
pub fn seed(rng: &mut u64, s: u64) {
    *rng = s ^ 0x9E37_79B9_7F4A_7C15;
    if *rng == 0 {
        *rng = 1;
    }
}

/// A uniform integer in `0..=span`.
fn below_or_equal(rng: &mut u64, span: u64) -> u64 {
    if span == u64::MAX {
        return next(rng);
    }
    ((next(rng) as u128 * (span as u128 + 1)) >> 64) as u64
}

fn unary_f64(f: MathFn, x: f64) -> f64 {
    match f {
        MathFn::Sqrt => x.sqrt(),
        MathFn::Cbrt => x.cbrt(),
        MathFn::Floor => x.floor(),
        MathFn::Ceil => x.ceil(),
        MathFn::Round => x.round(),
        MathFn::Trunc => x.trunc(),
        MathFn::Exp => x.exp(),
        MathFn::Log => x.ln(),
        MathFn::Log2 => x.log2(),
        MathFn::Log10 => x.log10(),
        MathFn::Log1p => x.ln_1p(),
        MathFn::Sin => x.sin(),
        MathFn::Cos => x.cos(),
        MathFn::Tan => x.tan(),
        MathFn::Asin => x.asin(),
        MathFn::Acos => x.acos(),
        MathFn::Atan => x.atan(),
        MathFn::Sinh => x.sinh(),
        MathFn::Cosh => x.cosh(),
        MathFn::Tanh => x.tanh(),
        MathFn::Asinh => x.asinh(),
        MathFn::Acosh => x.acosh(),
        MathFn::Atanh => x.atanh(),
        MathFn::Degrees => x.to_degrees(),
        MathFn::Radians => x.to_radians(),
        MathFn::Abs => x.abs(),
        MathFn::Sign => {
            if x.is_nan() {
                x
            } else if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        }
        _ => f64::NAN,
    }
}

fn binary_f64(f: MathFn, a: f64, b: f64, rng: &mut u64) -> f64 {
    match f {
        MathFn::Pow => a.powf(b),
        MathFn::Atan2 => a.atan2(b),
        // A NaN argument gives NaN (unlike f64::min).
        MathFn::Min if a.is_nan() || b.is_nan() => f64::NAN,
        MathFn::Max if a.is_nan() || b.is_nan() => f64::NAN,
        MathFn::Min => a.min(b),
        MathFn::Max => a.max(b),
        MathFn::Random => {
            let (lo, hi) = if a > b { (b, a) } else { (a, b) };
            let u = (next(rng) >> 11) as f64 / (1u64 << 53) as f64;
            let v = lo + (hi - lo) * u;
            if v >= hi && hi > lo { lo } else { v }
        }
        _ => f64::NAN,
    }
}

fn binary_f32(f: MathFn, a: f32, b: f32, rng: &mut u64) -> f32 {
    match f {
        MathFn::Pow => a.powf(b),
        MathFn::Atan2 => a.atan2(b),
        MathFn::Min | MathFn::Max | MathFn::Random => {
            let v = binary_f64(f, a as f64, b as f64, rng) as f32;
            // Rounding to f32 may reach `hi`; stay in [lo, hi).
            if f == MathFn::Random && v >= a.max(b) && a != b {
                a.min(b)
            } else {
                v
            }
        }
        _ => f32::NAN,
    }
}

fn unary_f32(f: MathFn, x: f32) -> f32 {
    match f {
        MathFn::Sqrt => x.sqrt(),
        MathFn::Floor => x.floor(),
        MathFn::Ceil => x.ceil(),
        MathFn::Round => x.round(),
        MathFn::Trunc => x.trunc(),
        MathFn::Abs => x.abs(),
        _ => unary_f64(f, x as f64) as f32,
    }
}

/// Signed integer functions on values widened to i64.
fn signed(f: MathFn, a: i64, b: i64, bits: u32, rng: &mut u64) -> i64 {
    match f {
        // abs of the minimum wraps to itself once narrowed back to the type.
        MathFn::Abs => a.wrapping_abs(),
        MathFn::Sign => a.signum(),
        MathFn::Min => a.min(b),
        MathFn::Max => a.max(b),
        MathFn::Random => {
            let (lo, hi) = if a > b { (b, a) } else { (a, b) };
            let span = hi.wrapping_sub(lo) as u64;
            let span = if bits == 32 { span & 0xFFFF_FFFF } else { span };
            lo.wrapping_add(below_or_equal(rng, span) as i64)
        }
        _ => 0,
    }
}

fn unsigned(f: MathFn, a: u64, b: u64, rng: &mut u64) -> u64 {
    match f {
        MathFn::Abs => a,
        MathFn::Min => a.min(b),
        MathFn::Max => a.max(b),
        MathFn::Random => {
            let (lo, hi) = if a > b { (b, a) } else { (a, b) };
            lo + below_or_equal(rng, hi - lo)
        }
        _ => 0,
    }
}

/// Evaluates instruction code `code` on the registers' bits `a` and `b`.
pub fn eval(code: i16, a: u64, b: u64, rng: &mut u64) -> u64 {
    let Some((f, kind)) = decode(code) else {
        return 0;
    };
    if f == MathFn::RandomSeed {
        seed(rng, a);
        return 0;
    }
    let two = matches!(
        f,
        MathFn::Pow | MathFn::Atan2 | MathFn::Min | MathFn::Max | MathFn::Random
    );
    match kind {
        MathKind::F64 => {
            let (x, y) = (f64::from_bits(a), f64::from_bits(b));
            let r = if two {
                binary_f64(f, x, y, rng)
            } else {
                unary_f64(f, x)
            };
            r.to_bits()
        }
        MathKind::F32 => {
            let (x, y) = (f32::from_bits(a as u32), f32::from_bits(b as u32));
            let r = if two {
                binary_f32(f, x, y, rng)
            } else {
                unary_f32(f, x)
            };
            r.to_bits() as u64
        }
        MathKind::S32 => {
            signed(f, a as u32 as i32 as i64, b as u32 as i32 as i64, 32, rng) as u32 as u64
        }
        MathKind::U32 => unsigned(f, a as u32 as u64, b as u32 as u64, rng) as u32 as u64,
        MathKind::S64 => signed(f, a as i64, b as i64, 64, rng) as u64,
        MathKind::U64 => unsigned(f, a, b, rng),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f64_of(code: i16, a: f64, b: f64) -> f64 {
        let mut rng = 1;
        f64::from_bits(eval(code, a.to_bits(), b.to_bits(), &mut rng))
    }

    #[test]
    fn codes_round_trip() {
        for f in FUNCS {
            for k in KINDS {
                assert_eq!(decode(code(f, k)), Some((f, k)));
            }
        }
        assert_eq!(decode(-1), None);
        assert_eq!(
            decode(SEED_ROW * 8),
            Some((MathFn::RandomSeed, MathKind::F32))
        );
        assert_eq!(decode(i16::MAX), None);
    }

    #[test]
    fn float_functions() {
        assert_eq!(f64_of(code(MathFn::Sqrt, MathKind::F64), 16.0, 0.0), 4.0);
        assert_eq!(f64_of(code(MathFn::Round, MathKind::F64), -2.5, 0.0), -3.0);
        assert_eq!(f64_of(code(MathFn::Pow, MathKind::F64), 2.0, 10.0), 1024.0);
        assert!(f64_of(code(MathFn::Min, MathKind::F64), f64::NAN, 1.0).is_nan());
        assert!(f64_of(code(MathFn::Sign, MathKind::F64), f64::NAN, 0.0).is_nan());
        assert_eq!(f64_of(code(MathFn::Sign, MathKind::F64), -0.5, 0.0), -1.0);
    }

    #[test]
    fn integer_functions() {
        let mut rng = 1;
        let abs = code(MathFn::Abs, MathKind::S32);
        assert_eq!(eval(abs, (-7i32) as u32 as u64, 0, &mut rng), 7);
        assert_eq!(
            eval(abs, i32::MIN as u32 as u64, 0, &mut rng),
            i32::MIN as u32 as u64
        );
        let min = code(MathFn::Min, MathKind::U32);
        assert_eq!(eval(min, 3, u32::MAX as u64, &mut rng), 3);
        let min = code(MathFn::Min, MathKind::S32);
        assert_eq!(eval(min, 3, u32::MAX as u64, &mut rng), u32::MAX as u64);
    }

    #[test]
    fn random_stays_in_range_and_repeats_with_a_seed() {
        let r = code(MathFn::Random, MathKind::S32);
        let mut rng = 0;
        seed(&mut rng, 42);
        let first: Vec<u64> = (0..100)
            .map(|_| eval(r, (-3i32) as u32 as u64, 3, &mut rng))
            .collect();
        assert!(first.iter().all(|&v| (-3..=3).contains(&(v as u32 as i32))));
        for want in -3..=3 {
            assert!(
                first.iter().any(|&v| v as u32 as i32 == want),
                "{want} drawn"
            );
        }
        seed(&mut rng, 42);
        let again: Vec<u64> = (0..100)
            .map(|_| eval(r, (-3i32) as u32 as u64, 3, &mut rng))
            .collect();
        assert_eq!(first, again);
        let rf = code(MathFn::Random, MathKind::F64);
        for _ in 0..1000 {
            let v = f64::from_bits(eval(rf, 1.0f64.to_bits(), 2.0f64.to_bits(), &mut rng));
            assert!((1.0..2.0).contains(&v));
        }
    }
}
