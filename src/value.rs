//! Values crossing between the host and scripts.
//!
//! A [`Value`] is a typed primitive or a string owned by the host. The context converts
//! values to the backend's register representation (integers extended to 64 bits,
//! floats as their bits, strings as references into VM memory) and back, checking them
//! against a function's declared types first.

use crate::check::types::{Prim, TypeId};
use crate::runtime::memory::Memory;
use crate::runtime::{Fault, strings};

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    #[default]
    Void,
    Bool(bool),
    I8(i8),
    U8(u8),
    I16(i16),
    U16(u16),
    I32(i32),
    U32(u32),
    I64(i64),
    U64(u64),
    F32(f32),
    F64(f64),
    /// Bytes of a `string` (UTF-8 by convention, any bytes allowed).
    Str(Vec<u8>),
}

impl Value {
    /// The gjs type of this value.
    pub fn type_id(&self) -> TypeId {
        match self {
            Value::Void => TypeId::VOID,
            Value::Bool(_) => TypeId::BOOL,
            Value::I8(_) => TypeId::I8,
            Value::U8(_) => TypeId::U8,
            Value::I16(_) => TypeId::I16,
            Value::U16(_) => TypeId::U16,
            Value::I32(_) => TypeId::I32,
            Value::U32(_) => TypeId::U32,
            Value::I64(_) => TypeId::I64,
            Value::U64(_) => TypeId::U64,
            Value::F32(_) => TypeId::F32,
            Value::F64(_) => TypeId::F64,
            Value::Str(_) => TypeId::STRING,
        }
    }

    /// The register form of a primitive (None for a string, which needs VM memory).
    pub(crate) fn to_reg_primitive(&self) -> Option<u64> {
        Some(match self {
            Value::Void => 0,
            Value::Bool(b) => *b as u64,
            Value::I8(v) => *v as i64 as u64,
            Value::U8(v) => *v as u64,
            Value::I16(v) => *v as i64 as u64,
            Value::U16(v) => *v as u64,
            Value::I32(v) => *v as i64 as u64,
            Value::U32(v) => *v as u64,
            Value::I64(v) => *v as u64,
            Value::U64(v) => *v,
            Value::F32(v) => v.to_bits() as u64,
            Value::F64(v) => v.to_bits(),
            Value::Str(_) => return None,
        })
    }

    /// The register form; a string is copied into VM memory as a new reference.
    pub(crate) fn to_reg(&self, mem: &mut Memory) -> Result<u64, Fault> {
        match self {
            Value::Str(bytes) => Ok(strings::new(mem, bytes)? as u64),
            v => Ok(v.to_reg_primitive().unwrap_or(0)),
        }
    }

    /// A primitive of type `ty` from its register form (`Void` for other types).
    pub(crate) fn from_reg_primitive(ty: TypeId, reg: u64) -> Value {
        match ty.prim() {
            None => Value::Void,
            Some(Prim::Bool) => Value::Bool(reg as u32 & 1 != 0),
            Some(Prim::I8) => Value::I8(reg as i8),
            Some(Prim::U8) => Value::U8(reg as u8),
            Some(Prim::I16) => Value::I16(reg as i16),
            Some(Prim::U16) => Value::U16(reg as u16),
            Some(Prim::I32) => Value::I32(reg as i32),
            Some(Prim::U32) => Value::U32(reg as u32),
            Some(Prim::I64) => Value::I64(reg as i64),
            Some(Prim::U64) => Value::U64(reg),
            Some(Prim::F32) => Value::F32(f32::from_bits(reg as u32)),
            Some(Prim::F64) => Value::F64(f64::from_bits(reg)),
        }
    }

    /// Reads a value of type `ty` from its register form. A string's bytes are copied
    /// out; the reference itself is left to the caller.
    pub(crate) fn from_reg(ty: TypeId, reg: u64, mem: &Memory) -> Value {
        if ty == TypeId::STRING {
            return Value::Str(strings::bytes(mem, reg as u32).to_vec());
        }
        Value::from_reg_primitive(ty, reg)
    }
}

macro_rules! from_impls {
    ($($t:ty => $v:ident),*) => {
        $(impl From<$t> for Value {
            fn from(x: $t) -> Value {
                Value::$v(x)
            }
        })*
    };
}

from_impls!(bool => Bool, i8 => I8, u8 => U8, i16 => I16, u16 => U16, i32 => I32, u32 => U32,
    i64 => I64, u64 => U64, f32 => F32, f64 => F64);

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.as_bytes().to_vec())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::memory::MemoryConfig;

    #[test]
    fn round_trips_through_registers() {
        let mut mem = Memory::new(MemoryConfig::default()).unwrap();
        let values = [
            Value::Bool(true),
            Value::I8(-5),
            Value::U8(250),
            Value::I16(-300),
            Value::U16(65000),
            Value::I32(-7),
            Value::U32(4_000_000_000),
            Value::I64(-9_000_000_000),
            Value::U64(u64::MAX),
            Value::F32(1.5),
            Value::F64(-0.25),
            Value::Str(b"h\0llo".to_vec()),
        ];
        for v in values {
            let r = v.to_reg(&mut mem).unwrap();
            assert_eq!(Value::from_reg(v.type_id(), r, &mem), v);
        }
    }
}
