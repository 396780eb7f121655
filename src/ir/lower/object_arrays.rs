//! Lowering of arrays whose elements are objects (classes, formats, arrays).
//!
//! The runtime only manages the storage of such arrays ([`SlotOp`]); elements are
//! constructed, copied and destroyed here, by the same code as any other object, so
//! constructors and destructors run as the spec requires: `push` copies its argument
//! into a new slot, `remove` and `clear` destroy what they remove (last to first),
//! `pop` moves the last element bytewise into its result, and an array dies by
//! destroying its elements last to first and freeing the storage. A slot whose element
//! fails to construct (its constructor raises) is closed again, so the array never holds
//! a half-built element.

use super::{Cleanup, FnLower, Slot};
use crate::check::hir::{self, ArrayMethod, ExprKind};
use crate::check::types::TypeId;
use crate::ir::{
    ArrOp, BinaryOp, Class, CmpOp, ElemKind, MemType, Op, SlotOp, Term, UnaryOp, VReg,
};
use crate::source::Span;

/// Whether the object `e` may live in an array's storage (an element, or inside one).
fn may_be_element(e: &hir::Expr) -> bool {
    match &e.kind {
        ExprKind::Index { .. } => true,
        ExprKind::Field { object, .. } => may_be_element(object),
        _ => false,
    }
}

impl FnLower<'_> {
    /// The element type of an array of objects.
    pub(super) fn object_elem(&self, ty: TypeId) -> Option<TypeId> {
        self.program
            .types
            .array_elem(ty)
            .filter(|e| e.is_composite())
    }

    fn elem_size(&self, elem: TypeId) -> u32 {
        super::object_size(self.program, elem)
    }

    fn slots(&mut self, op: SlotOp, args: Vec<VReg>, elem: TypeId, span: Span) -> Option<VReg> {
        let dst = op.signature().1.map(|c| self.new_vreg(c));
        let size = self.elem_size(elem);
        self.emit(
            Op::Slots {
                op,
                dst,
                args,
                size,
            },
            span,
        );
        dst
    }

    /// `&arr[i]` for an `I32` index `i` that is known not to be negative.
    fn slot_at(&mut self, arr: VReg, i: VReg, elem: TypeId, span: Span) -> VReg {
        let wide = self.new_vreg(Class::I64);
        self.emit(
            Op::Unary {
                op: UnaryOp::ZextI32,
                dst: wide,
                src: i,
            },
            span,
        );
        self.slots(SlotOp::Addr, vec![arr, wide], elem, span)
            .expect("an address")
    }

    /// Closes the slot opened at index `at` (or the last one) of `arr` for an element
    /// that was not built.
    pub(super) fn close_slot(&mut self, arr: VReg, at: Option<VReg>, elem: TypeId) {
        let span = Span::default();
        match at {
            Some(i) => {
                self.slots(SlotOp::Remove, vec![arr, i], elem, span);
            }
            None => {
                let len = self.length(arr, span);
                let last = self.last_index(len, span);
                self.slots(SlotOp::Truncate, vec![arr, last], elem, span);
            }
        }
    }

    /// The index of the last element of an array of length `len`.
    fn last_index(&mut self, len: VReg, span: Span) -> VReg {
        let last = self.new_vreg(Class::I32);
        self.emit(
            Op::BinaryImm {
                op: BinaryOp::AddI32,
                dst: last,
                a: len,
                imm: -1,
            },
            span,
        );
        last
    }

    /// Builds an element in the slot just opened at `at` (or at the end) of `arr`.
    fn build_in_slot(
        &mut self,
        arr: VReg,
        at: Option<VReg>,
        elem: TypeId,
        build: impl FnOnce(&mut Self),
    ) {
        let unslot = Cleanup::Unslot { arr, at, elem };
        self.expr_temps.push(unslot);
        build(self);
        self.forget_temp(unslot);
    }

    fn length(&mut self, arr: VReg, span: Span) -> VReg {
        let n = self.new_vreg(Class::I32);
        self.arr_op(ArrOp::Len, Some(n), vec![arr], ElemKind::W32, span);
        n
    }

    /// What destroys an array local or temporary of type `ty`.
    pub(super) fn array_cleanup(&self, v: VReg, ty: TypeId) -> Cleanup {
        if self.object_elem(ty).is_some() {
            Cleanup::Obj(v, ty)
        } else {
            Cleanup::Arr(v, self.array_kind(ty))
        }
    }

    /// `dst = src` for arrays of type `ty`: the copy is built aside first, so an array
    /// assigned (part of) itself stays intact.
    pub(super) fn assign_array(&mut self, dst: VReg, src: VReg, ty: TypeId, span: Span) {
        let Some(elem) = self.object_elem(ty) else {
            let kind = self.array_kind(ty);
            self.arr_op(ArrOp::Assign, None, vec![dst, src], kind, span);
            return;
        };
        if dst == src {
            return;
        }
        let copy = self.new_array_slot(span);
        // If a copy raises, the elements copied so far die with the copy.
        let partial = Cleanup::Obj(copy, ty);
        self.expr_temps.push(partial);
        let n = self.length(src, span);
        self.count_up(n, span, |lw, i| {
            let from = lw.slot_at(src, i, elem, span);
            let to = lw
                .slots(SlotOp::Push, vec![copy], elem, span)
                .expect("a slot");
            lw.build_in_slot(copy, None, elem, |lw| lw.init_copy(to, from, elem, span));
        });
        self.destroy_elements(dst, elem, span);
        self.forget_temp(partial);
        for word in 0..3 {
            let v = self.new_vreg(Class::I32);
            let offset = word * 4;
            self.emit(
                Op::LoadField {
                    dst: v,
                    addr: copy,
                    offset,
                    mem: MemType::U32,
                },
                span,
            );
            self.emit(
                Op::StoreField {
                    src: v,
                    addr: dst,
                    offset,
                    mem: MemType::U32,
                },
                span,
            );
        }
        self.emit(
            Op::ObjZero {
                addr: copy,
                size: crate::runtime::arrays::HEADER,
            },
            span,
        );
    }

    /// Destroys every element, last to first, and frees the storage.
    pub(super) fn destroy_elements(&mut self, arr: VReg, elem: TypeId, span: Span) {
        let plain_format = self.program.class_of(elem).is_some_and(|c| c.is_format);
        if !plain_format {
            let n = self.length(arr, span);
            self.count_down(n, span, |lw, i| {
                let at = lw.slot_at(arr, i, elem, span);
                lw.destroy_object(at, elem, span);
            });
        }
        self.slots(SlotOp::Free, vec![arr], elem, span);
    }

    /// Default-constructs the element in the zeroed slot at `at`.
    fn construct_element(&mut self, at: VReg, elem: TypeId, span: Span) {
        if let Some(c) = self.program.types.class_of(elem) {
            let class = c as usize;
            let ctor = self.program.default_ctor(class);
            self.construct(at, class, &hir::Init::Ctor(ctor, Vec::new()), span);
        }
    }

    /// The members of an array of objects (spec 8.4); the result for `pop`.
    pub(super) fn object_array_method(
        &mut self,
        method: ArrayMethod,
        array: &hir::Expr,
        args: &[hir::Expr],
        elem: TypeId,
        span: Span,
    ) -> Option<VReg> {
        let later: Vec<&hir::Expr> = args.iter().collect();
        let arr = self.operand(array, &later);
        match method {
            ArrayMethod::Push | ArrayMethod::Insert => {
                let index =
                    (method == ArrayMethod::Insert).then(|| self.operand(&args[0], &[&args[1]]));
                let value = args.last().expect("a value");
                let mut v = self.expr(value);
                // The value may live in this very array, whose storage the new slot can
                // move: copy an element aside first.
                if may_be_element(value) {
                    let aside = self.new_object_slot(elem, span);
                    self.init_copy(aside, v, elem, span);
                    self.expr_temps.push(Cleanup::Obj(aside, elem));
                    v = aside;
                }
                let slot = match index {
                    Some(i) => self.slots(SlotOp::Insert, vec![arr, i], elem, span),
                    None => self.slots(SlotOp::Push, vec![arr], elem, span),
                }
                .expect("a slot");
                self.build_in_slot(arr, index, elem, |lw| lw.init_copy(slot, v, elem, span));
                None
            }
            ArrayMethod::Pop => {
                let result = self.new_object_slot(elem, span);
                self.slots(SlotOp::PopInto, vec![result, arr], elem, span);
                self.expr_temps.push(Cleanup::Obj(result, elem));
                Some(result)
            }
            ArrayMethod::Remove => {
                let i = self.operand(&args[0], &[]);
                let at = self.slot_at(arr, i, elem, span);
                self.destroy_object(at, elem, span);
                self.slots(SlotOp::Remove, vec![arr, i], elem, span);
                None
            }
            ArrayMethod::Clear => {
                self.destroy_elements(arr, elem, span);
                None
            }
            ArrayMethod::Reserve => {
                let n = self.operand(&args[0], &[]);
                self.slots(SlotOp::Reserve, vec![arr, n], elem, span);
                None
            }
            ArrayMethod::Resize => {
                let n = self.operand(&args[0], &[]);
                self.resize_objects(arr, n, elem, span);
                None
            }
            // Refused by the checker for object elements.
            ArrayMethod::IndexOf | ArrayMethod::Includes => None,
        }
    }

    /// `arr.resize(n)`: destroys elements from the end, or appends default-constructed ones.
    fn resize_objects(&mut self, arr: VReg, n: VReg, elem: TypeId, span: Span) {
        let shrink = self.new_block();
        let drop_last = self.new_block();
        let grow = self.new_block();
        let add = self.new_block();
        let done = self.new_block();
        self.jump(shrink, span);
        self.switch_to(shrink);
        let len = self.length(arr, span);
        self.terminate(
            Term::CmpBranch {
                op: CmpOp::LeU32,
                a: len,
                b: n,
                then: grow,
                otherwise: drop_last,
            },
            span,
        );
        self.switch_to(drop_last);
        let last = self.last_index(len, span);
        let at = self.slot_at(arr, last, elem, span);
        self.destroy_object(at, elem, span);
        self.slots(SlotOp::Truncate, vec![arr, last], elem, span);
        self.jump(shrink, span);
        self.switch_to(grow);
        let len = self.length(arr, span);
        self.terminate(
            Term::CmpBranch {
                op: CmpOp::LeU32,
                a: n,
                b: len,
                then: done,
                otherwise: add,
            },
            span,
        );
        self.switch_to(add);
        let at = self
            .slots(SlotOp::Push, vec![arr], elem, span)
            .expect("a slot");
        self.build_in_slot(arr, None, elem, |lw| lw.construct_element(at, elem, span));
        self.jump(grow, span);
        self.switch_to(done);
    }

    /// `for (i = 0; i < n; i++) body(i)` with `I32` registers.
    fn count_up(&mut self, n: VReg, span: Span, mut body: impl FnMut(&mut Self, VReg)) {
        let i = self.new_vreg(Class::I32);
        let zero = self.const_reg(Class::I32, 0);
        self.emit(Op::Copy { dst: i, src: zero }, span);
        let head = self.new_block();
        let step = self.new_block();
        let done = self.new_block();
        self.jump(head, span);
        self.switch_to(head);
        self.terminate(
            Term::CmpBranch {
                op: CmpOp::LtU32,
                a: i,
                b: n,
                then: step,
                otherwise: done,
            },
            span,
        );
        self.switch_to(step);
        body(self, i);
        self.emit(
            Op::BinaryImm {
                op: BinaryOp::AddI32,
                dst: i,
                a: i,
                imm: 1,
            },
            span,
        );
        self.jump(head, span);
        self.switch_to(done);
    }

    /// `for (i = n; i-- > 0;) body(i)`: last to first.
    fn count_down(&mut self, n: VReg, span: Span, mut body: impl FnMut(&mut Self, VReg)) {
        let i = self.new_vreg(Class::I32);
        self.emit(Op::Copy { dst: i, src: n }, span);
        let head = self.new_block();
        let step = self.new_block();
        let done = self.new_block();
        self.jump(head, span);
        self.switch_to(head);
        self.terminate(
            Term::CmpBranchImm {
                op: CmpOp::EqI32,
                a: i,
                imm: 0,
                then: done,
                otherwise: step,
            },
            span,
        );
        self.switch_to(step);
        self.emit(
            Op::BinaryImm {
                op: BinaryOp::AddI32,
                dst: i,
                a: i,
                imm: -1,
            },
            span,
        );
        body(self, i);
        self.jump(head, span);
        self.switch_to(done);
    }

    /// `arr.pop()` moved into the zeroed object at `dst`.
    pub(super) fn pop_into(&mut self, dst: VReg, array: &hir::Expr, span: Span) {
        let elem = self.object_elem(array.ty).expect("object elements");
        let arr = self.operand(array, &[]);
        self.slots(SlotOp::PopInto, vec![dst, arr], elem, span);
    }

    /// `arr[i]` for an array of objects: the element's address (a place).
    pub(super) fn object_element(
        &mut self,
        array: &hir::Expr,
        index: &hir::Expr,
        elem: TypeId,
    ) -> Slot {
        let arr = self.operand(array, &[index]);
        let i = self.operand(index, &[]);
        let addr = self
            .slots(SlotOp::Addr, vec![arr, i], elem, index.span)
            .expect("an address");
        Slot::Field {
            addr,
            offset: 0,
            ty: elem,
        }
    }
}
