//! Lowering of class objects (spec 3.4, 5.7, 5.8): construction, copying, destruction
//! and `delete`.
//!
//! An object value is its address in VM memory (a frame slot, module data, a field of
//! another object, or a heap block reached through a checked handle). Construction
//! zeroes the storage, default-constructs class fields in declaration order and then
//! calls the constructor; destruction calls the destructor and then destroys the
//! fields in reverse order; copying goes field by field (strings shared, arrays copied
//! element by element, class fields by the same rule).
//!
//! Construction that raises leaves no object behind: the class fields built so far are
//! destroyed in reverse order, without the destructor of the object itself (see
//! `build`); the storage of a `new` object or of an array slot is released
//! by the caller's cleanup.

use super::{Cleanup, FnLower, Slot, class_of, mem_type};
use crate::check::hir::{self, ExprKind, Place};
use crate::check::types::TypeId;
use crate::ir::{Class, Op, Term};
use crate::source::Span;

impl FnLower<'_> {
    /// Zeroed frame storage for an object of class type `ty`.
    pub(super) fn new_object_slot(&mut self, ty: TypeId, span: Span) -> crate::ir::VReg {
        let size = super::object_size(self.program, ty);
        let offset = self.frame_slot(size);
        let v = self.new_vreg(Class::Obj);
        self.emit(Op::FrameSlot { dst: v, offset }, span);
        self.emit(Op::ObjZero { addr: v, size }, span);
        v
    }

    /// The type of the field at `offset` of class type (or handle) `ty`.
    pub(super) fn field_type(&self, ty: TypeId, offset: u32) -> TypeId {
        self.program
            .class_of(ty)
            .and_then(|c| c.fields.iter().find(|f| f.offset == offset))
            .map(|f| f.ty)
            .unwrap_or(TypeId::ERROR)
    }

    /// Initialises the zeroed object at `dst` from `e`: a construction or a call builds
    /// straight into it (no copy, spec 5.8); any other value is copied.
    pub(super) fn init_object(&mut self, dst: crate::ir::VReg, e: &hir::Expr) {
        match &e.kind {
            ExprKind::Construct { class, init } => {
                self.construct(dst, *class, init, e.span);
            }
            ExprKind::Call { func, args } => {
                self.call_into(*func, args, Some(dst), e.span);
            }
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                self.object_cond(cond, [then, otherwise], e.ty, Some(dst), e.span);
            }
            // A popped element moves straight into the new object.
            ExprKind::ArrayMethod {
                method: hir::ArrayMethod::Pop,
                array,
                ..
            } if self.object_elem(array.ty).is_some() => {
                self.pop_into(dst, array, e.span);
            }
            _ => {
                let v = self.expr(e);
                self.init_copy(dst, v, e.ty, e.span);
            }
        }
    }

    /// `c ? a : b` of class or array type `ty`. Built into `into` when it initialises an object
    /// (each arm constructs straight into it or is copied, once). Otherwise, when both
    /// arms name existing objects, the value is the chosen object itself; else the
    /// chosen arm initialises a temporary. An arm's own temporaries die before the
    /// paths join.
    pub(super) fn object_cond(
        &mut self,
        cond: &hir::Expr,
        arms: [&hir::Expr; 2],
        ty: TypeId,
        into: Option<crate::ir::VReg>,
        span: Span,
    ) -> crate::ir::VReg {
        let names_object = |e: &hir::Expr| is_object_place(e);
        let by_address = into.is_none() && arms.iter().all(|a| names_object(a));
        let is_array = self.program.types.array_elem(ty).is_some();
        let target = match into {
            Some(dst) => dst,
            None if by_address => {
                let r = self.temp(Class::Obj);
                // `r` is written on two paths, so it must never be retargeted.
                self.temps.remove(&r);
                r
            }
            None if is_array => self.new_array_slot(span),
            None => self.new_object_slot(ty, span),
        };
        let [t, f, join] = self.split_on(cond);
        for (block, value) in [t, f].into_iter().zip(arms) {
            self.switch_to(block);
            let arm = self.expr_temps.len();
            if by_address {
                let v = self.expr(value);
                self.move_into(target, v, span);
            } else if is_array {
                self.init_array(target, value, ty);
            } else {
                self.init_object(target, value);
            }
            self.end_arm(arm);
            self.jump(join, span);
        }
        self.switch_to(join);
        if into.is_none() && !by_address {
            let cleanup = if is_array {
                self.array_cleanup(target, ty)
            } else {
                Cleanup::Obj(target, ty)
            };
            self.expr_temps.push(cleanup);
        }
        target
    }

    /// Branches on `cond` to two new blocks (the arms of a `?:`), returned with the
    /// block where they join. The condition's temporaries are the enclosing
    /// expression's; only the arms' own die on their paths.
    pub(super) fn split_on(&mut self, cond: &hir::Expr) -> [super::BlockId; 3] {
        let t = self.new_block();
        let f = self.new_block();
        let join = self.new_block();
        let mark = std::mem::replace(&mut self.cond_mark, self.expr_temps.len());
        self.branch(cond, t, f);
        self.cond_mark = mark;
        [t, f, join]
    }

    /// Destroys the temporaries made since `mark` on one arm of a branch.
    pub(super) fn end_arm(&mut self, mark: usize) {
        while self.expr_temps.len() > mark {
            let c = self.expr_temps.pop().expect("a temporary");
            self.run_cleanup(c);
        }
    }

    /// Builds an object of class `class` in the zeroed storage at `addr`.
    pub(super) fn construct(
        &mut self,
        addr: crate::ir::VReg,
        class: usize,
        init: &hir::Init,
        span: Span,
    ) {
        match init {
            hir::Init::Ctor(ctor, args) => {
                let regs = self.call_args(args);
                self.build(addr, class, *ctor, regs, span);
            }
            hir::Init::Fields(fields) => {
                // The values are set in place, after the class fields are built.
                let half_built = self.build(addr, class, None, Vec::new(), span);
                self.expr_temps.push(half_built);
                for (offset, value) in fields {
                    let slot = Slot::Field {
                        addr,
                        offset: *offset,
                        ty: value.ty,
                    };
                    let v = self.expr(value);
                    self.write_slot(&slot, v, value.span);
                }
                self.forget_temp(half_built);
            }
        }
    }

    /// Default-constructs the class fields of the zeroed object at `addr` in declaration
    /// order, then calls constructor `ctor`, if any, with `addr` and `args`. Until the
    /// object is complete, raising destroys the fields built so far (the constructor's
    /// failure all of them), last to first; the object's destructor never runs. Returns
    /// the cleanup of a half-built object (its fields).
    fn build(
        &mut self,
        addr: crate::ir::VReg,
        class: usize,
        ctor: Option<hir::FuncId>,
        mut args: Vec<crate::ir::VReg>,
        span: Span,
    ) -> Cleanup {
        let fields = self.program.classes[class].fields.clone();
        let mut built = Vec::new();
        for f in fields {
            let Some(inner) = self.program.types.class_of(f.ty) else {
                continue;
            };
            let inner = inner as usize;
            let inner_ctor = self.program.default_ctor(inner);
            let at = self.field_addr(addr, f.offset, span);
            self.construct(at, inner, &hir::Init::Ctor(inner_ctor, Vec::new()), span);
            let field = Cleanup::Obj(at, f.ty);
            self.expr_temps.push(field);
            built.push(field);
        }
        // From here on every field is built or zero: one cleanup covers them all.
        for field in built.into_iter().rev() {
            self.forget_temp(field);
        }
        let half_built = Cleanup::Fields(addr, self.program.classes[class].ty);
        if let Some(ctor) = ctor {
            self.expr_temps.push(half_built);
            args.insert(0, addr);
            self.emit(
                Op::Call {
                    dst: None,
                    func: ctor,
                    args,
                },
                span,
            );
            self.forget_temp(half_built);
        }
        half_built
    }

    /// The address of the object `offset` bytes into the object at `addr`.
    fn field_addr(&mut self, addr: crate::ir::VReg, offset: u32, span: Span) -> crate::ir::VReg {
        let at = self.new_vreg(Class::Obj);
        self.emit(
            Op::AddrOffset {
                dst: at,
                addr,
                offset,
            },
            span,
        );
        at
    }

    /// Initialises the zeroed object at `dst` as a copy of `src`: through the class's
    /// copy constructor when it declares one (spec 3.4), otherwise field by field.
    pub(super) fn init_copy(
        &mut self,
        dst: crate::ir::VReg,
        src: crate::ir::VReg,
        ty: TypeId,
        span: Span,
    ) {
        let copy_ctor = self
            .program
            .class_of(ty)
            .filter(|_| !ty.is_handle())
            .and_then(|c| {
                c.ctors
                    .iter()
                    .copied()
                    .find(|&f| self.program.func(f).params == [c.ty, c.ty])
            });
        match copy_ctor {
            Some(ctor) => {
                let class = self.program.types.class_of(ty).expect("a class") as usize;
                self.build(dst, class, Some(ctor), vec![src], span);
            }
            None => self.copy_object(dst, src, ty, span),
        }
    }

    /// Copies the object at `src` into the object at `dst` field by field; the previous
    /// contents of `dst` (strings, array elements) are released.
    pub(super) fn copy_object(
        &mut self,
        dst: crate::ir::VReg,
        src: crate::ir::VReg,
        ty: TypeId,
        span: Span,
    ) {
        if dst == src {
            return;
        }
        let Some(class) = self.program.class_of(ty) else {
            self.assign_array(dst, src, ty, span);
            return;
        };
        for f in class.fields.clone() {
            let from = Slot::Field {
                addr: src,
                offset: f.offset,
                ty: f.ty,
            };
            let to = Slot::Field {
                addr: dst,
                offset: f.offset,
                ty: f.ty,
            };
            // A string is shared so that the destination owns a reference of its own.
            let v = self.slot_value(&from, span);
            self.write_slot(&to, v, span);
        }
    }

    /// Runs the destruction of the object of type `ty` at `addr` (spec 5.8).
    pub(super) fn destroy_object(&mut self, addr: crate::ir::VReg, ty: TypeId, span: Span) {
        let Some(class) = self.program.class_of(ty) else {
            if let Some(elem) = self.object_elem(ty) {
                self.destroy_elements(addr, elem, span);
            } else if self.program.types.array_elem(ty).is_some() {
                let kind = self.array_kind(ty);
                self.run_cleanup(Cleanup::Arr(addr, kind));
            }
            return;
        };
        if let Some(dtor) = class.dtor {
            self.emit(
                Op::Call {
                    dst: None,
                    func: dtor,
                    args: vec![addr],
                },
                span,
            );
        }
        self.destroy_fields(addr, ty, span);
    }

    /// Destroys the fields of the class object at `addr`, last to first.
    pub(super) fn destroy_fields(&mut self, addr: crate::ir::VReg, ty: TypeId, span: Span) {
        let Some(class) = self.program.class_of(ty) else {
            return;
        };
        let fields = class.fields.clone();
        for f in fields.iter().rev() {
            if f.ty == TypeId::STRING {
                let s = self.new_vreg(Class::Str);
                self.emit(
                    Op::LoadField {
                        dst: s,
                        addr,
                        offset: f.offset,
                        mem: mem_type(f.ty),
                    },
                    span,
                );
                self.emit(Op::StrRelease { s }, span);
            } else if f.ty.is_composite() {
                let at = self.field_addr(addr, f.offset, span);
                self.destroy_object(at, f.ty, span);
            }
        }
    }

    /// `place = func(place, args…)`, evaluating the place once; yields the new value.
    pub(super) fn update_object(
        &mut self,
        place: &Place,
        func: hir::FuncId,
        args: &[hir::Expr],
        ty: TypeId,
        span: Span,
    ) -> crate::ir::VReg {
        let later: Vec<&hir::Expr> = args.iter().collect();
        let slot = self.eval_place(place, &later);
        let object = self.slot_value(&slot, span);
        let result = self.new_object_slot(ty, span);
        self.expr_temps.push(Cleanup::Obj(result, ty));
        let mut regs = vec![result, object];
        regs.extend(self.call_args(args));
        self.emit(
            Op::Call {
                dst: None,
                func,
                args: regs,
            },
            span,
        );
        self.write_slot(&slot, result, span);
        self.slot_value(&slot, span)
    }

    /// Calls the member function `func` without arguments on the object at `object`,
    /// discarding its result (an object result goes to a temporary).
    pub(super) fn call_on_object(
        &mut self,
        func: hir::FuncId,
        object: crate::ir::VReg,
        span: Span,
    ) {
        let ret = self.program.func(func).ret;
        let mut args = vec![object];
        if ret.is_composite() {
            let result = self.new_object_slot(ret, span);
            self.expr_temps.push(Cleanup::Obj(result, ret));
            args.insert(0, result);
        }
        let dst = (ret != TypeId::VOID && !ret.is_composite()).then(|| self.temp(class_of(ret)));
        self.emit(Op::Call { dst, func, args }, span);
        if let Some(d) = dst {
            self.release(d, span);
        }
    }

    /// `dst := the address of the object handle refers to` (faults on null or deleted).
    pub(super) fn emit_deref(&mut self, dst: crate::ir::VReg, handle: crate::ir::VReg, span: Span) {
        self.emit(Op::HandleDeref { dst, handle }, span);
    }

    /// `delete h;`: nothing for null; otherwise destroy, free, and null the place.
    pub(super) fn delete(&mut self, value: &hir::Expr, place: Option<&Place>, class: usize) {
        let span = value.span;
        let slot = place.map(|p| self.eval_place(p, &[]));
        let handle = match &slot {
            Some(slot) => self.read_slot(slot, span),
            None => self.expr(value),
        };
        let h = self.new_vreg(class_of(value.ty));
        self.emit(
            Op::Copy {
                dst: h,
                src: handle,
            },
            span,
        );
        let live = self.new_block();
        let done = self.new_block();
        self.terminate_cond(
            Term::CmpBranchImm {
                op: crate::ir::CmpOp::EqI64,
                a: h,
                imm: 0,
                then: done,
                otherwise: live,
            },
            span,
        );
        self.switch_to(live);
        let addr = self.new_vreg(Class::Obj);
        self.emit_deref(addr, h, span);
        let ty = self.program.classes[class].ty;
        self.destroy_object(addr, ty, span);
        self.emit(Op::HandleFree { handle: h }, span);
        if let Some(slot) = &slot {
            let null = self.const_reg(Class::I64, 0);
            self.write_slot(slot, null, span);
        }
        self.jump(done, span);
        self.switch_to(done);
        self.flush_temps();
    }
}

/// Whether `e` names an object that outlives the expression (a variable, a field of
/// one, a handle's object), so it can be used in place without a copy.
fn is_object_place(e: &hir::Expr) -> bool {
    match &e.kind {
        ExprKind::Local(_) | ExprKind::Global(_) => true,
        ExprKind::Field { object, .. } | ExprKind::Deref(object) => is_object_place(object),
        _ => false,
    }
}
