//! The type table.
//!
//! Every type the checker knows gets a [`TypeId`]. The primitives, `void`, `string` and
//! the error type have fixed ids (the constants on [`TypeId`]), so phases can test for
//! them without a table lookup; composite types are interned into [`Types`] on first use
//! and keep their id for the life of the context, across modules.
//!
//! [`TypeId::ERROR`] is the type of an expression that already produced a diagnostic: it
//! converts to and from everything silently, so one mistake reports one error.

use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

impl TypeId {
    pub const VOID: TypeId = TypeId(0);
    pub const BOOL: TypeId = TypeId(1);
    pub const I8: TypeId = TypeId(2);
    pub const U8: TypeId = TypeId(3);
    pub const I16: TypeId = TypeId(4);
    pub const U16: TypeId = TypeId(5);
    pub const I32: TypeId = TypeId(6);
    pub const U32: TypeId = TypeId(7);
    pub const I64: TypeId = TypeId(8);
    pub const U64: TypeId = TypeId(9);
    pub const F32: TypeId = TypeId(10);
    pub const F64: TypeId = TypeId(11);
    pub const STRING: TypeId = TypeId(12);
    /// The poison type of an erroneous expression.
    pub const ERROR: TypeId = TypeId(13);
    /// The type of the `null` literal before it meets a handle type.
    pub const NULL: TypeId = TypeId(14);

    const FIRST_COMPOSITE: u32 = 15;

    /// The primitive this id names (`bool` and the ten numeric types).
    pub fn prim(self) -> Option<Prim> {
        Prim::ALL.get((self.0 as usize).wrapping_sub(1)).copied()
    }

    pub fn is_prim(self) -> bool {
        self.prim().is_some()
    }

    pub fn is_numeric(self) -> bool {
        self.prim().is_some_and(|p| p != Prim::Bool)
    }

    pub fn is_integer(self) -> bool {
        self.prim().is_some_and(Prim::is_int)
    }

    pub fn is_float(self) -> bool {
        self.prim().is_some_and(Prim::is_float)
    }

    /// Arrays and classes: values that live in VM memory, reached by address.
    pub fn is_composite(self) -> bool {
        self.0 >= TypeId::FIRST_COMPOSITE && self.0 < TypeId::HANDLE_BASE
    }

    /// `T?`: a handle, held in a register like a primitive.
    pub fn is_handle(self) -> bool {
        self.0 >= TypeId::HANDLE_BASE
    }

    /// Handle types are numbered from here, one per class, so that they can be
    /// recognised without the type table.
    const HANDLE_BASE: u32 = 0x4000_0000;
}

/// `bool` and the ten numeric types, in the order of their fixed [`TypeId`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Prim {
    Bool,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
}

impl Prim {
    pub const ALL: [Prim; 11] = [
        Prim::Bool,
        Prim::I8,
        Prim::U8,
        Prim::I16,
        Prim::U16,
        Prim::I32,
        Prim::U32,
        Prim::I64,
        Prim::U64,
        Prim::F32,
        Prim::F64,
    ];

    pub fn type_id(self) -> TypeId {
        TypeId(self as u32 + 1)
    }

    pub fn name(self) -> &'static str {
        match self {
            Prim::Bool => "bool",
            Prim::I8 => "i8",
            Prim::U8 => "u8",
            Prim::I16 => "i16",
            Prim::U16 => "u16",
            Prim::I32 => "i32",
            Prim::U32 => "u32",
            Prim::I64 => "i64",
            Prim::U64 => "u64",
            Prim::F32 => "f32",
            Prim::F64 => "f64",
        }
    }

    /// Size in bytes, which is also the alignment (spec 3.2).
    pub fn size(self) -> u32 {
        match self {
            Prim::Bool | Prim::I8 | Prim::U8 => 1,
            Prim::I16 | Prim::U16 => 2,
            Prim::I32 | Prim::U32 | Prim::F32 => 4,
            Prim::I64 | Prim::U64 | Prim::F64 => 8,
        }
    }

    pub fn bits(self) -> u32 {
        self.size() * 8
    }

    pub fn is_int(self) -> bool {
        !matches!(self, Prim::Bool | Prim::F32 | Prim::F64)
    }

    pub fn is_float(self) -> bool {
        matches!(self, Prim::F32 | Prim::F64)
    }

    pub fn is_signed(self) -> bool {
        matches!(self, Prim::I8 | Prim::I16 | Prim::I32 | Prim::I64)
    }

    /// Integer promotion (spec 3.9 step 2): narrow integers and `bool` become `i32`.
    pub fn promoted(self) -> Prim {
        match self {
            Prim::Bool | Prim::I8 | Prim::U8 | Prim::I16 | Prim::U16 => Prim::I32,
            p => p,
        }
    }

    /// The usual arithmetic conversions (spec 3.9): the common type of two operands.
    pub fn common(a: Prim, b: Prim) -> Prim {
        if a == Prim::F64 || b == Prim::F64 {
            return Prim::F64;
        }
        if a == Prim::F32 || b == Prim::F32 {
            return Prim::F32;
        }
        let (a, b) = (a.promoted(), b.promoted());
        if a == b {
            return a;
        }
        if a.is_signed() == b.is_signed() {
            return if a.bits() >= b.bits() { a } else { b };
        }
        let (signed, unsigned) = if a.is_signed() { (a, b) } else { (b, a) };
        if unsigned.bits() >= signed.bits() {
            unsigned
        } else {
            signed
        }
    }

    /// Whether converting `self` to `to` is a promotion (rank 1 of spec 3.10): an
    /// integer to a wider integer type holding all its values, or `f32` to `f64`.
    pub fn promotes_to(self, to: Prim) -> bool {
        use Prim::*;
        match self {
            I8 => matches!(to, I16 | I32 | I64),
            U8 => matches!(to, I16 | U16 | I32 | U32 | I64 | U64),
            I16 => matches!(to, I32 | I64),
            U16 => matches!(to, I32 | U32 | I64 | U64),
            I32 => to == I64,
            U32 => matches!(to, I64 | U64),
            F32 => to == F64,
            _ => false,
        }
    }
}

/// What a composite type is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeKind {
    Array(TypeId),
    /// A class, by its index in `Program::classes`.
    Class(u32),
}

/// The interning table of composite types; primitives need no entry.
#[derive(Debug, Default)]
pub struct Types {
    kinds: Vec<TypeKind>,
    index: HashMap<TypeKind, TypeId>,
    /// Names of the classes, by class index (for messages).
    class_names: Vec<String>,
}

impl Types {
    pub fn intern(&mut self, kind: TypeKind) -> TypeId {
        if let Some(&id) = self.index.get(&kind) {
            return id;
        }
        let id = TypeId(TypeId::FIRST_COMPOSITE + self.kinds.len() as u32);
        self.kinds.push(kind.clone());
        self.index.insert(kind, id);
        id
    }

    pub fn kind(&self, id: TypeId) -> Option<&TypeKind> {
        if id.is_handle() {
            return None;
        }
        id.0.checked_sub(TypeId::FIRST_COMPOSITE)
            .and_then(|i| self.kinds.get(i as usize))
    }

    /// The name of a type as the user writes it.
    pub fn name(&self, id: TypeId) -> String {
        if let Some(p) = id.prim() {
            return p.name().to_string();
        }
        match id {
            TypeId::VOID => "void".into(),
            TypeId::STRING => "string".into(),
            TypeId::ERROR => "<error>".into(),
            TypeId::NULL => "null".into(),
            _ => match self.kind(id) {
                Some(TypeKind::Array(elem)) => format!("array<{}>", self.name(*elem)),
                Some(TypeKind::Class(c)) => self.class_names[*c as usize].clone(),
                None => match self.handle_class(id) {
                    Some(c) => format!("{}?", self.class_names[c as usize]),
                    None => format!("<type {}>", id.0),
                },
            },
        }
    }

    /// Registers class number `index` named `name`; returns its type and handle type.
    pub fn declare_class(&mut self, index: u32, name: &str) -> (TypeId, TypeId) {
        if self.class_names.len() <= index as usize {
            self.class_names.resize(index as usize + 1, String::new());
        }
        self.class_names[index as usize] = name.to_string();
        (
            self.intern(TypeKind::Class(index)),
            TypeId(TypeId::HANDLE_BASE + index),
        )
    }

    /// The class index of a class type.
    pub fn class_of(&self, id: TypeId) -> Option<u32> {
        match self.kind(id) {
            Some(TypeKind::Class(c)) => Some(*c),
            _ => None,
        }
    }

    /// The class index of a handle type.
    pub fn handle_class(&self, id: TypeId) -> Option<u32> {
        id.is_handle().then(|| id.0 - TypeId::HANDLE_BASE)
    }

    /// The handle type `T?` of class type `T`.
    pub fn handle_of(&self, class_ty: TypeId) -> Option<TypeId> {
        self.class_of(class_ty)
            .map(|c| TypeId(TypeId::HANDLE_BASE + c))
    }

    /// The class type `T` of handle type `T?`.
    pub fn class_type_of_handle(&self, handle: TypeId) -> Option<TypeId> {
        let c = self.handle_class(handle)?;
        self.index.get(&TypeKind::Class(c)).copied()
    }

    /// The element type of an array type.
    pub fn array_elem(&self, id: TypeId) -> Option<TypeId> {
        match self.kind(id) {
            Some(TypeKind::Array(e)) => Some(*e),
            _ => None,
        }
    }

    /// Whether values of `id` live in VM memory and are reached by address (arrays and
    /// classes), rather than held in a register (primitives, strings, handles).
    pub fn is_object(&self, id: TypeId) -> bool {
        id.is_composite()
    }

    /// Looks up a predeclared type name (spec 2.2).
    pub fn builtin_named(name: &str) -> Option<TypeId> {
        Some(match name {
            "void" => TypeId::VOID,
            "string" => TypeId::STRING,
            _ => Prim::ALL.iter().find(|p| p.name() == name)?.type_id(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_ids_match_prims() {
        for p in Prim::ALL {
            assert_eq!(p.type_id().prim(), Some(p));
        }
        assert_eq!(TypeId::VOID.prim(), None);
        assert_eq!(TypeId::STRING.prim(), None);
        assert_eq!(TypeId::I32, Prim::I32.type_id());
        assert_eq!(TypeId::F64, Prim::F64.type_id());
    }

    #[test]
    fn usual_arithmetic_conversions() {
        use Prim::*;
        assert_eq!(Prim::common(U8, U8), I32);
        assert_eq!(Prim::common(I32, U32), U32);
        assert_eq!(Prim::common(U32, I64), I64);
        assert_eq!(Prim::common(I64, U64), U64);
        assert_eq!(Prim::common(I64, F32), F32);
        assert_eq!(Prim::common(I32, F64), F64);
        assert_eq!(Prim::common(Bool, Bool), I32);
        assert_eq!(Prim::common(U16, I16), I32);
    }

    #[test]
    fn interning_is_stable() {
        let mut t = Types::default();
        let a = t.intern(TypeKind::Array(TypeId::I32));
        let b = t.intern(TypeKind::Array(TypeId::I32));
        assert_eq!(a, b);
        assert_eq!(t.name(a), "array<i32>");
    }
}
