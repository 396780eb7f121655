//! Objects the host holds: script class instances and arrays that cross the C
//! boundary as handles (embedding.md §5). Each lives in a heap block of VM memory of
//! its own; the host reads and writes its elements and fields through these methods,
//! and destroying it runs the script's destruction (destructors, elements, strings)
//! through the type's `__destroy__` function.

use super::{Context, RuntimeError};
use crate::backend::Trap;
use crate::check::FieldInfo;
use crate::check::types::TypeId;
use crate::ir::elem_kind;
use crate::runtime::arrays::{self, ElemKind};
use crate::runtime::{Fault, strings};

/// How a host reads and writes a value of some type in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// A primitive or `string`, in register form; `ElemKind` says how it is stored.
    Scalar(ElemKind),
    /// A C struct of this many bytes (a format or a host value type); `writable` when
    /// its bytes can be overwritten without running a destructor.
    Bytes { size: u32, writable: bool },
}

impl Access {
    /// The bytes one value takes in VM memory.
    pub(crate) fn size(self) -> u32 {
        match self {
            Access::Scalar(kind) => kind.size(),
            Access::Bytes { size, .. } => size,
        }
    }
}

fn fault(f: Fault) -> RuntimeError {
    RuntimeError::from_trap(Trap::fault(f, Vec::new()))
}

impl Context {
    /// Whether values of `ty` cross the C boundary as object handles.
    pub(crate) fn is_held_object(&self, ty: TypeId) -> bool {
        self.program.needs_host_destroyer(ty)
    }

    /// Whether the host can hold a new object of `ty`: the context can destroy it (a
    /// `__destroy__` function exists, or its elements need no script code).
    pub(crate) fn can_hold(&self, ty: TypeId) -> bool {
        self.program.host_destroy.contains_key(&ty)
            || self
                .program
                .types
                .array_elem(ty)
                .is_some_and(|e| matches!(self.access(e), Some(Access::Scalar(_))))
    }

    /// A new, empty (zeroed) object of `ty` for the host: an array without elements, or
    /// the storage a function returning a class instance constructs it in.
    pub(crate) fn new_held(&mut self, ty: TypeId) -> Result<u32, RuntimeError> {
        let size = match self.program.class_of(ty) {
            Some(c) => c.size,
            None => arrays::HEADER,
        };
        self.new_zeroed(size)
    }

    /// Destroys the held object of `ty` at `at` and frees its block. A fault escaping
    /// a destructor is written to the error sink, as at context teardown; a destructor
    /// that never ends is stopped by the step budget (a bounded one if none is set).
    pub(crate) fn destroy_held(&mut self, at: u32, ty: TypeId) {
        if let Some(&destroy) = self.program.host_destroy.get(&ty) {
            self.destroy_with(destroy, &[at as u64], "an object held by the host");
        } else if let Some(e) = self.program.types.array_elem(ty)
            && matches!(self.access(e), Some(Access::Scalar(_)))
        {
            arrays::destroy(self.backend.memory(), at, elem_kind(e));
        }
        self.backend.memory().free(at);
    }

    /// How the host reads and writes a value of `ty` in place; None for types it
    /// cannot (classes, arrays, handles: objects inside objects).
    pub(crate) fn access(&self, ty: TypeId) -> Option<Access> {
        if ty == TypeId::STRING || ty.prim().is_some() && ty != TypeId::VOID {
            return Some(Access::Scalar(elem_kind(ty)));
        }
        if ty.is_handle() || self.is_held_object(ty) {
            return None;
        }
        let c = self.program.class_of(ty)?;
        let (size, _) = self.program.c_layout(ty)?;
        let writable = c.is_format || (c.dtor.is_none() && c.host.is_some());
        Some(Access::Bytes { size, writable })
    }

    /// The element type of array type `ty`.
    pub(crate) fn element_type(&self, ty: TypeId) -> Option<TypeId> {
        self.program.types.array_elem(ty)
    }

    /// The fields of class, format or host value type `ty` the host may see (hidden
    /// `__` fields left out).
    pub(crate) fn visible_fields(&self, ty: TypeId) -> impl Iterator<Item = &FieldInfo> {
        self.program
            .types
            .class_of(ty)
            .and_then(|c| self.program.classes.get(c as usize))
            .into_iter()
            .flat_map(|c| c.fields.iter())
            .filter(|f| !f.name.starts_with("__"))
    }

    /// The field named `name` of `ty` the host may see.
    pub(crate) fn visible_field(&self, ty: TypeId, name: &str) -> Option<&FieldInfo> {
        self.visible_fields(ty).find(|f| f.name == name)
    }

    /// The number of elements of the array at `at`.
    pub(crate) fn held_len(&mut self, at: u32) -> Result<u32, RuntimeError> {
        arrays::len(self.backend.memory(), at).map_err(fault)
    }

    /// The address of element `i` of the array at `at` whose elements are `size`-byte
    /// C structs (an index fault when out of range).
    pub(crate) fn held_slot(&mut self, at: u32, i: i64, size: u32) -> Result<u32, RuntimeError> {
        arrays::slot(self.backend.memory(), at, i, size).map_err(fault)
    }

    /// Sets element `i` (a string `v` is taken over, also on failure).
    pub(crate) fn held_set(
        &mut self,
        at: u32,
        i: i64,
        v: u64,
        kind: ElemKind,
    ) -> Result<(), RuntimeError> {
        arrays::set(self.backend.memory(), at, i, v, kind).map_err(fault)
    }

    /// Appends an element (a string `v` is taken over, also on failure).
    pub(crate) fn held_push(
        &mut self,
        at: u32,
        v: u64,
        kind: ElemKind,
    ) -> Result<(), RuntimeError> {
        arrays::push(self.backend.memory(), at, v, kind).map_err(fault)
    }

    /// Appends a zeroed `size`-byte element; returns its address.
    pub(crate) fn held_push_slot(&mut self, at: u32, size: u32) -> Result<u32, RuntimeError> {
        arrays::push_slot(self.backend.memory(), at, size).map_err(fault)
    }

    /// The value stored at `addr` (a field or an element) in register form; a string is
    /// a new reference.
    pub(crate) fn load_scalar(&mut self, addr: u32, kind: ElemKind) -> Result<u64, RuntimeError> {
        let mem = self.backend.memory();
        if !mem.contains(addr, kind.size()) {
            return Err(fault(Fault::runtime("invalid memory access")));
        }
        Ok(arrays::load_owned(mem, addr, kind))
    }

    /// Stores `v` at `addr` (a field), releasing the string it replaces; a string `v`
    /// is taken over.
    pub(crate) fn store_scalar(
        &mut self,
        addr: u32,
        kind: ElemKind,
        v: u64,
    ) -> Result<(), RuntimeError> {
        let mem = self.backend.memory();
        if !mem.contains(addr, kind.size()) {
            if kind == ElemKind::Str {
                strings::release(mem, v as u32);
            }
            return Err(fault(Fault::runtime("invalid memory access")));
        }
        arrays::replace(mem, addr, kind, v);
        Ok(())
    }
}
