//! Lowering of the checked tree to IR.
//!
//! Consumes the [`hir`] functions of one module; produces a [`Unit`]. Each local lives in
//! one vreg for its whole life; temporaries get fresh vregs. Control flow becomes basic
//! blocks, with conditions lowered straight to compare-and-branch terminators and loops
//! rotated so that the test sits at the bottom (one branch per iteration).
//!
//! Strings: every string-typed expression yields a *reference the lowering owns* (a
//! literal's reference is immortal, so retaining or releasing it is skipped). Storing
//! moves the reference; any other use releases it after the use. Locals and parameters
//! release their strings when their scope is left, on every path.
//!
//! Constants are materialised once per function in the entry block, so a loop never
//! reloads them; small integer constants become immediates instead.
//!
//! Arrays live in VM memory: a local array is a slot of the frame's object storage,
//! a global one a slot of module data, and an array-typed expression evaluates to the
//! address of an array. Temporaries (an `array<T>()` or a call's result) get a frame
//! slot and are destroyed at the end of their full expression; a function returning
//! an array receives the address to construct it in as a hidden first parameter, and so
//! does a built-in with an array result (`split`).

use super::{
    ArrOp, BinaryOp, Block, BlockId, Class, CmpOp, ElemKind, Function, GlobalSlot, Inst, MemType,
    Op, Term, TextKind, UnaryOp, Unit, VReg,
};
use crate::ast::{BinOp, UnOp};
use crate::check::hir::{self, Builtin, ExprKind, LocalId, Place, Stmt};
use crate::check::types::{Prim, TypeId};
use crate::check::{CheckedModule, Program};
use crate::source::{SourceFile, Span};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

mod exceptions;
mod object_arrays;
mod objects;

/// Lowers every function of a checked module.
pub fn lower_module(program: &Program, checked: &CheckedModule, source: Arc<SourceFile>) -> Unit {
    let mut strings = Strings::default();
    let functions = checked
        .functions
        .iter()
        .map(|f| FnLower::new(program, f, &mut strings).finish(f))
        .collect();
    let globals = program
        .globals
        .iter()
        .enumerate()
        .filter(|(_, g)| g.module == checked.module)
        .map(|(i, g)| {
            let composite = g.ty.is_composite();
            GlobalSlot {
                id: hir::GlobalId(i as u32),
                mem: (!composite).then(|| mem_type(g.ty)),
                size: if composite {
                    object_size(program, g.ty)
                } else {
                    mem_type(g.ty).size()
                },
            }
        })
        .collect();
    Unit {
        module_name: program.modules[checked.module].name.clone(),
        source,
        functions,
        globals,
        strings: strings.list,
        init: checked.init,
    }
}

/// Bytes of an object-typed value (an array header or a class object; at least one, so
/// that every object has an address of its own).
fn object_size(program: &Program, ty: TypeId) -> u32 {
    match program.class_of(ty) {
        Some(c) if !ty.is_handle() => c.size.max(1),
        _ => crate::runtime::arrays::HEADER,
    }
}

#[derive(Default)]
struct Strings {
    list: Vec<Vec<u8>>,
    index: HashMap<Vec<u8>, u32>,
}

impl Strings {
    fn intern(&mut self, bytes: &[u8]) -> u32 {
        if let Some(&i) = self.index.get(bytes) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(bytes.to_vec());
        self.index.insert(bytes.to_vec(), i);
        i
    }
}

/// The register class of a value type.
pub(crate) fn class_of(ty: TypeId) -> Class {
    if ty.is_composite() {
        return Class::Obj;
    }
    if ty.is_handle() {
        return Class::I64;
    }
    match ty.prim() {
        Some(Prim::I64 | Prim::U64) => Class::I64,
        Some(Prim::F32) => Class::F32,
        Some(Prim::F64) => Class::F64,
        Some(_) => Class::I32,
        None if ty == TypeId::STRING => Class::Str,
        // The error type never reaches lowering; void has no register.
        None => Class::I64,
    }
}

pub(crate) fn mem_type(ty: TypeId) -> MemType {
    match ty.prim() {
        Some(Prim::Bool | Prim::U8) => MemType::U8,
        Some(Prim::I8) => MemType::I8,
        Some(Prim::I16) => MemType::I16,
        Some(Prim::U16) => MemType::U16,
        Some(Prim::I32) => MemType::I32,
        Some(Prim::U32) => MemType::U32,
        Some(Prim::I64 | Prim::U64) => MemType::I64,
        Some(Prim::F32) => MemType::F32,
        Some(Prim::F64) => MemType::F64,
        None if ty.is_handle() => MemType::I64,
        None => MemType::Str,
    }
}

/// How elements of type `ty` are stored in an array.
pub(crate) fn elem_kind(ty: TypeId) -> ElemKind {
    match ty.prim() {
        Some(Prim::I8) => ElemKind::S8,
        Some(Prim::U8 | Prim::Bool) => ElemKind::U8,
        Some(Prim::I16) => ElemKind::S16,
        Some(Prim::U16) => ElemKind::U16,
        Some(Prim::I32 | Prim::U32 | Prim::F32) => ElemKind::W32,
        Some(Prim::I64 | Prim::U64 | Prim::F64) => ElemKind::W64,
        None if ty.is_handle() => ElemKind::W64,
        None => ElemKind::Str,
    }
}

fn text_kind(ty: TypeId) -> TextKind {
    match ty.prim() {
        Some(Prim::Bool) => TextKind::Bool,
        Some(Prim::I8 | Prim::I16 | Prim::I32) => TextKind::I32,
        Some(Prim::U8 | Prim::U16 | Prim::U32) => TextKind::U32,
        Some(Prim::I64) => TextKind::I64,
        Some(Prim::U64) => TextKind::U64,
        Some(Prim::F32) => TextKind::F32,
        Some(Prim::F64) => TextKind::F64,
        None => TextKind::Str,
    }
}

/// Whether evaluating `e` may assign local `l` (so an earlier read of `l` must be copied).
fn writes_local(e: &hir::Expr, l: LocalId) -> bool {
    let place_is = |p: &Place| match p {
        Place::Local(x) => *x == l,
        Place::Global(_) => false,
        Place::Index { array, index } => writes_local(array, l) || writes_local(index, l),
        Place::Field { object, .. } => writes_local(object, l),
    };
    match &e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => false,
        ExprKind::Local(_) | ExprKind::Global(_) => false,
        ExprKind::Convert(x) | ExprKind::ToString(x) | ExprKind::Unary(_, x) => writes_local(x, l),
        ExprKind::Binary(_, a, b) | ExprKind::StrCompare(_, a, b) => {
            writes_local(a, l) || writes_local(b, l)
        }
        ExprKind::Logical { lhs, rhs, .. } => writes_local(lhs, l) || writes_local(rhs, l),
        ExprKind::Cond {
            cond,
            then,
            otherwise,
        } => writes_local(cond, l) || writes_local(then, l) || writes_local(otherwise, l),
        ExprKind::Assign { place, value }
        | ExprKind::CompoundAssign { place, value, .. }
        | ExprKind::StrAppend { place, value } => place_is(place) || writes_local(value, l),
        ExprKind::IncDec { place, .. } => place_is(place),
        ExprKind::Call { args, .. } | ExprKind::Builtin { args, .. } | ExprKind::Concat(args) => {
            args.iter().any(|a| writes_local(a, l))
        }
        ExprKind::Index { array, index } => writes_local(array, l) || writes_local(index, l),
        ExprKind::ArrayLen(a) => writes_local(a, l),
        ExprKind::ArrayMethod { array, args, .. } => {
            writes_local(array, l) || args.iter().any(|a| writes_local(a, l))
        }
        ExprKind::NewArray => false,
        ExprKind::Field { object, .. } | ExprKind::Deref(object) => writes_local(object, l),
        ExprKind::Construct { init, .. } | ExprKind::New { init, .. } => {
            init.exprs().iter().any(|a| writes_local(a, l))
        }
        ExprKind::Math { args, .. } => args.iter().any(|a| writes_local(a, l)),
        ExprKind::PostfixObject { object, .. } => writes_local(object, l),
        ExprKind::UpdateObject { place, args, .. } => {
            place_is(place) || args.iter().any(|a| writes_local(a, l))
        }
    }
}

/// Sign-/zero-extension that normalises an `I32` register to a narrow type.
fn narrow_op(p: Prim) -> Option<UnaryOp> {
    match p {
        Prim::I8 => Some(UnaryOp::SextI8),
        Prim::U8 => Some(UnaryOp::ZextI8),
        Prim::I16 => Some(UnaryOp::SextI16),
        Prim::U16 => Some(UnaryOp::ZextI16),
        _ => None,
    }
}

/// A block under construction: its instructions and, once closed, its terminator.
type OpenBlock = (Vec<Inst>, Option<(Term, Span)>);

/// Something to undo when a scope or a full expression ends.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Cleanup {
    /// Release a string reference.
    Str(VReg),
    /// Destroy an array's contents.
    Arr(VReg, ElemKind),
    /// Destroy a class object (destructor, then fields).
    Obj(VReg, TypeId),
    /// Drop an exception that a `finally` block holds back.
    Exc(VReg),
    /// Destroy the fields of an object whose constructor did not finish.
    Fields(VReg, TypeId),
    /// Free, without destroying, the heap block (a handle) of a `new` object whose
    /// construction did not finish.
    Unbuilt(VReg),
    /// Close, without destroying, the slot opened in an array of objects (`arr`, at
    /// index `at` or else the last) for an element whose construction did not finish.
    Unslot {
        arr: VReg,
        at: Option<VReg>,
        elem: TypeId,
    },
}

struct Scope {
    /// String and array locals declared so far, in order.
    cleanups: Vec<Cleanup>,
    /// The scope of a `try` statement with a `finally` block: leaving it runs the block.
    finally: Option<std::rc::Rc<hir::Block>>,
}

/// A place with its operands evaluated (so compound assignments evaluate them once).
enum Slot {
    Local(VReg, TypeId),
    Global(hir::GlobalId, TypeId),
    Elem { arr: VReg, index: VReg, ty: TypeId },
    Field { addr: VReg, offset: u32, ty: TypeId },
}

impl Slot {
    fn ty(&self) -> TypeId {
        match self {
            Slot::Local(_, t)
            | Slot::Global(_, t)
            | Slot::Elem { ty: t, .. }
            | Slot::Field { ty: t, .. } => *t,
        }
    }
}

struct LoopTargets {
    break_to: BlockId,
    continue_to: BlockId,
    /// Scopes (by count) that stay open when jumping out of the loop body.
    depth: usize,
}

struct FnLower<'a> {
    program: &'a Program,
    strings: &'a mut Strings,
    vregs: Vec<Class>,
    /// Blocks under construction; `None` terminator while open.
    blocks: Vec<OpenBlock>,
    cur: BlockId,
    locals: Vec<VReg>,
    local_types: Vec<TypeId>,
    temps: HashSet<VReg>,
    /// Immortal string values (literals): no release or retain is needed.
    immortal: HashSet<VReg>,
    consts: HashMap<(Class, u64), VReg>,
    const_insts: Vec<Inst>,
    scopes: Vec<Scope>,
    loops: Vec<LoopTargets>,
    /// Blocks in the order code was first placed in them: the emission order, so a
    /// branch's `then` block follows it and loop bodies stay together.
    layout: Vec<BlockId>,
    placed: Vec<bool>,
    ret: Option<Class>,
    /// The hidden parameter of a function returning an array: where to construct it.
    ret_ptr: Option<VReg>,
    ret_ty: TypeId,
    /// Objects to destroy at the end of the current full expression.
    expr_temps: Vec<Cleanup>,
    frame_bytes: u32,
    span: Span,
    /// The landing pad of each block (see `exceptions`).
    handlers: Vec<Option<BlockId>>,
    regions: Vec<exceptions::Region>,
    /// While pads are generated: the handler for everything emitted.
    forced: Option<Option<BlockId>>,
    /// What a `return` holds while scopes are left (its result), to be destroyed if a
    /// destructor or `finally` block raises.
    pending_exit: Vec<Cleanup>,
    drop_function: bool,
    /// Temporaries below this index belong to an expression around the condition being
    /// lowered; its branches leave them alone.
    cond_mark: usize,
}

impl<'a> FnLower<'a> {
    fn new(program: &'a Program, f: &hir::Function, strings: &'a mut Strings) -> FnLower<'a> {
        let mut lw = FnLower {
            program,
            strings,
            vregs: Vec::new(),
            blocks: vec![(Vec::new(), None)],
            cur: BlockId(0),
            locals: Vec::new(),
            local_types: Vec::new(),
            temps: HashSet::new(),
            immortal: HashSet::new(),
            consts: HashMap::new(),
            const_insts: Vec::new(),
            scopes: Vec::new(),
            loops: Vec::new(),
            layout: vec![BlockId(0)],
            placed: vec![true],
            ret: (f.ret != TypeId::VOID && !f.ret.is_composite()).then(|| class_of(f.ret)),
            ret_ptr: None,
            ret_ty: f.ret,
            expr_temps: Vec::new(),
            frame_bytes: 0,
            span: f.span,
            handlers: vec![None],
            regions: Vec::new(),
            forced: None,
            pending_exit: Vec::new(),
            drop_function: f.name == "__drop__",
            cond_mark: 0,
        };
        if f.ret.is_composite() {
            lw.ret_ptr = Some(lw.new_vreg(Class::Obj));
        }
        for l in &f.locals {
            let v = lw.new_vreg(class_of(l.ty));
            lw.locals.push(v);
            lw.local_types.push(l.ty);
        }
        lw
    }

    fn finish(mut self, f: &hir::Function) -> Function {
        let params: Vec<VReg> = f.params.iter().map(|l| self.locals[l.0 as usize]).collect();
        let drop_object = self
            .drop_function
            .then(|| params.first().copied())
            .flatten();
        self.open_function_region(drop_object);
        self.scopes.push(Scope {
            cleanups: params
                .iter()
                .copied()
                .filter(|&v| self.vregs[v.0 as usize] == Class::Str)
                .map(Cleanup::Str)
                .collect(),
            finally: None,
        });
        let params: Vec<VReg> = self.ret_ptr.iter().copied().chain(params).collect();
        self.block(&f.body);
        self.release_scopes(0);
        self.scopes.pop();
        // E0400 makes the end of a non-void body unreachable; return something
        // well-typed, materialised here rather than hoisted into the entry block.
        let ret = self.ret.map(|c| {
            let v = self.temp(c);
            let op = if c == Class::Str {
                Op::Str {
                    dst: v,
                    lit: self.strings.intern(b""),
                }
            } else {
                Op::Const { dst: v, bits: 0 }
            };
            self.emit(op, f.span);
            v
        });
        self.terminate(Term::Return(ret), f.span);
        // Renumber blocks in layout order; blocks never entered go last.
        let n = self.blocks.len();
        let mut order = std::mem::take(&mut self.layout);
        order.extend(
            (0..n as u32)
                .map(BlockId)
                .filter(|b| !self.placed[b.0 as usize]),
        );
        let mut new_id = vec![0u32; n];
        for (i, b) in order.iter().enumerate() {
            new_id[b.0 as usize] = i as u32;
        }
        let remap = |b: &mut BlockId| b.0 = new_id[b.0 as usize];
        let mut old: Vec<Option<OpenBlock>> = self.blocks.into_iter().map(Some).collect();
        let mut blocks: Vec<Block> = order
            .iter()
            .map(|b| {
                let (insts, term) = old[b.0 as usize].take().expect("each block once");
                let (mut term, term_span) = term.unwrap_or((Term::Return(None), Span::default()));
                match &mut term {
                    Term::Jump(t) => remap(t),
                    Term::Branch {
                        then, otherwise, ..
                    }
                    | Term::CmpBranch {
                        then, otherwise, ..
                    }
                    | Term::CmpBranchImm {
                        then, otherwise, ..
                    } => {
                        remap(then);
                        remap(otherwise);
                    }
                    Term::Return(_) | Term::Throw { .. } | Term::Rethrow(_) => {}
                }
                let handler = self.handlers[b.0 as usize].map(|h| BlockId(new_id[h.0 as usize]));
                Block {
                    insts,
                    term,
                    term_span,
                    handler,
                }
            })
            .collect();
        let mut entry = std::mem::take(&mut self.const_insts);
        entry.append(&mut blocks[0].insts);
        blocks[0].insts = entry;
        Function {
            id: f.id,
            name: f.name.clone(),
            params,
            ret: self.ret,
            vregs: self.vregs,
            blocks,
            frame_bytes: self.frame_bytes,
            span: f.span,
            drop_function: self.drop_function,
        }
    }

    // ---- building blocks -------------------------------------------------------------

    fn new_vreg(&mut self, c: Class) -> VReg {
        self.vregs.push(c);
        VReg(self.vregs.len() as u32 - 1)
    }

    fn temp(&mut self, c: Class) -> VReg {
        let v = self.new_vreg(c);
        self.temps.insert(v);
        v
    }

    fn class(&self, v: VReg) -> Class {
        self.vregs[v.0 as usize]
    }

    fn new_block(&mut self) -> BlockId {
        self.placed.push(false);
        self.handlers.push(None);
        self.blocks.push((Vec::new(), None));
        BlockId(self.blocks.len() as u32 - 1)
    }

    fn switch_to(&mut self, b: BlockId) {
        self.cur = b;
        if !self.placed[b.0 as usize] {
            self.placed[b.0 as usize] = true;
            self.layout.push(b);
        }
    }

    fn emit(&mut self, op: Op, span: Span) {
        if exceptions::may_raise(&op) {
            self.protect();
        }
        let block = &mut self.blocks[self.cur.0 as usize];
        if block.1.is_none() {
            block.0.push(Inst { op, span });
        }
    }

    fn terminate(&mut self, term: Term, span: Span) {
        if matches!(term, Term::Throw { .. } | Term::Rethrow(_)) {
            self.protect();
        }
        let block = &mut self.blocks[self.cur.0 as usize];
        if block.1.is_none() {
            block.1 = Some((term, span));
        }
    }

    /// Ends a block with a condition's branch, destroying the condition's temporaries
    /// first (its operands are already in registers).
    fn terminate_cond(&mut self, term: Term, span: Span) {
        while self.expr_temps.len() > self.cond_mark {
            let c = self.expr_temps.pop().expect("a temporary");
            self.run_cleanup(c);
        }
        self.terminate(term, span);
    }

    fn jump(&mut self, to: BlockId, span: Span) {
        self.terminate(Term::Jump(to), span);
    }

    /// After `return`, `break` or `continue`: later statements go to a block that
    /// nothing jumps to (the backend drops it).
    fn start_dead_block(&mut self) {
        let b = self.new_block();
        self.switch_to(b);
    }

    fn const_reg(&mut self, c: Class, bits: u64) -> VReg {
        let bits = if c == Class::I32 {
            bits as u32 as u64
        } else {
            bits
        };
        if let Some(&v) = self.consts.get(&(c, bits)) {
            return v;
        }
        let v = self.new_vreg(c);
        self.const_insts.push(Inst {
            op: Op::Const { dst: v, bits },
            span: self.span,
        });
        self.consts.insert((c, bits), v);
        v
    }

    fn zero(&mut self, c: Class) -> VReg {
        if c == Class::Str {
            return self.literal(b"");
        }
        self.const_reg(c, 0)
    }

    fn literal(&mut self, bytes: &[u8]) -> VReg {
        let lit = self.strings.intern(bytes);
        let key = (Class::Str, lit as u64);
        if let Some(&v) = self.consts.get(&key) {
            return v;
        }
        let v = self.new_vreg(Class::Str);
        self.const_insts.push(Inst {
            op: Op::Str { dst: v, lit },
            span: self.span,
        });
        self.consts.insert(key, v);
        self.immortal.insert(v);
        v
    }

    fn release(&mut self, v: VReg, span: Span) {
        if self.class(v) == Class::Str && !self.immortal.contains(&v) {
            self.emit(Op::StrRelease { s: v }, span);
        }
    }

    /// Stores `v` into `dst`: retargets the instruction that just produced a temporary
    /// `v` when possible, otherwise copies.
    fn move_into(&mut self, dst: VReg, v: VReg, span: Span) {
        if dst == v {
            return;
        }
        if self.temps.contains(&v) {
            let block = &mut self.blocks[self.cur.0 as usize];
            if block.1.is_none()
                && let Some(last) = block.0.last_mut()
                && retarget(&mut last.op, v, dst)
            {
                return;
            }
        }
        self.emit(Op::Copy { dst, src: v }, span);
    }

    // ---- statements ------------------------------------------------------------------

    fn block(&mut self, b: &hir::Block) {
        self.scopes.push(Scope {
            cleanups: Vec::new(),
            finally: None,
        });
        for s in &b.stmts {
            self.stmt(s);
        }
        let depth = self.scopes.len() - 1;
        self.release_scopes(depth);
        self.scopes.pop();
    }

    /// Destroys what the scopes from `depth` on hold, innermost first, running the
    /// `finally` blocks of the `try` statements left on the way. The scopes stay open
    /// (code after a jump may still be in them); while each thing is destroyed, the
    /// cleanup state excludes it and what died before it.
    fn release_scopes(&mut self, depth: usize) {
        let saved: Vec<Vec<Cleanup>> = self.scopes[depth..]
            .iter()
            .map(|s| s.cleanups.clone())
            .collect();
        let regions = self.regions.len();
        let mut parked = Vec::new();
        let pending = self.pending_exit.clone();
        let temps = self.expr_temps.len();
        self.expr_temps.extend(pending.iter().copied());
        for i in (depth..self.scopes.len()).rev() {
            // Regions of scopes already left no longer catch anything.
            while self.regions.last().is_some_and(|r| r.scope_depth() > i) {
                parked.push(self.regions.pop().expect("a region"));
            }
            while let Some(c) = self.scopes[i].cleanups.pop() {
                self.run_cleanup(c);
            }
            if let Some(fin) = self.scopes[i].finally.clone() {
                self.expr_temps.truncate(temps);
                self.run_finally(i, &fin, pending.clone());
                self.expr_temps.extend(pending.iter().copied());
            }
        }
        self.expr_temps.truncate(temps);
        while let Some(r) = parked.pop() {
            self.regions.push(r);
        }
        debug_assert_eq!(self.regions.len(), regions);
        for (s, c) in self.scopes[depth..].iter_mut().zip(saved) {
            s.cleanups = c;
        }
    }

    fn run_cleanup(&mut self, c: Cleanup) {
        match c {
            Cleanup::Str(v) => self.emit(Op::StrRelease { s: v }, Span::default()),
            Cleanup::Arr(v, kind) => self.emit(
                Op::Arr {
                    op: ArrOp::Destroy,
                    dst: None,
                    args: vec![v],
                    kind,
                },
                Span::default(),
            ),
            Cleanup::Obj(v, ty) => self.destroy_object(v, ty, Span::default()),
            Cleanup::Exc(e) => self.drop_exception(e),
            Cleanup::Fields(v, ty) => self.destroy_fields(v, ty, Span::default()),
            Cleanup::Unbuilt(h) => self.emit(Op::HandleFree { handle: h }, Span::default()),
            Cleanup::Unslot { arr, at, elem } => self.close_slot(arr, at, elem),
        }
    }

    /// Destroys the temporaries of the full expression just lowered (spec 5.8).
    fn flush_temps(&mut self) {
        while let Some(c) = self.expr_temps.pop() {
            self.run_cleanup(c);
        }
    }

    /// Reserves `size` bytes of the frame's object storage.
    fn frame_slot(&mut self, size: u32) -> u32 {
        let at = (self.frame_bytes + 7) & !7;
        self.frame_bytes = at + size;
        at
    }

    /// A fresh, empty array in the frame (a temporary unless the caller keeps it).
    fn new_array_slot(&mut self, span: Span) -> VReg {
        let offset = self.frame_slot(crate::runtime::arrays::HEADER);
        let v = self.new_vreg(Class::Obj);
        self.emit(Op::FrameSlot { dst: v, offset }, span);
        self.emit(
            Op::ObjZero {
                addr: v,
                size: crate::runtime::arrays::HEADER,
            },
            span,
        );
        v
    }

    /// Whether `ty` is a class or format value (not a handle, not an array).
    fn is_class_value(&self, ty: TypeId) -> bool {
        ty.is_composite() && self.program.class_of(ty).is_some()
    }

    fn array_kind(&self, ty: TypeId) -> ElemKind {
        elem_kind(self.program.types.array_elem(ty).unwrap_or(TypeId::I32))
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) => {
                self.effect(e);
                self.flush_temps();
            }
            Stmt::Let { local, init }
                if self.is_class_value(self.local_types[local.0 as usize]) =>
            {
                let reg = self.locals[local.0 as usize];
                let ty = self.local_types[local.0 as usize];
                let span = init.as_ref().map(|e| e.span).unwrap_or_default();
                let slot = self.new_object_slot(ty, span);
                self.emit(
                    Op::Copy {
                        dst: reg,
                        src: slot,
                    },
                    span,
                );
                if let Some(e) = init {
                    self.init_object(reg, e);
                }
                self.flush_temps();
                self.scopes
                    .last_mut()
                    .expect("scope")
                    .cleanups
                    .push(Cleanup::Obj(reg, ty));
            }
            Stmt::InitGlobal {
                global,
                init: Some(e),
            } if self.is_class_value(self.program.global(*global).ty) => {
                let addr = self.new_vreg(Class::Obj);
                self.emit(
                    Op::GlobalAddr {
                        dst: addr,
                        global: *global,
                    },
                    e.span,
                );
                self.init_object(addr, e);
                self.flush_temps();
            }
            Stmt::Return(Some(e)) if self.is_class_value(self.ret_ty) => {
                let ret = self.ret_ptr.expect("hidden result parameter");
                self.init_object(ret, e);
                self.flush_temps();
                self.pending_exit = vec![Cleanup::Obj(ret, self.ret_ty)];
                self.release_scopes(0);
                self.pending_exit.clear();
                self.terminate(Term::Return(None), e.span);
                self.start_dead_block();
            }
            Stmt::Delete {
                value,
                place,
                class,
            } => self.delete(value, place.as_ref(), *class),
            Stmt::DestroyGlobal(g) => {
                let addr = self.new_vreg(Class::Obj);
                self.emit(
                    Op::GlobalAddr {
                        dst: addr,
                        global: *g,
                    },
                    Span::default(),
                );
                let ty = self.program.global(*g).ty;
                self.destroy_object(addr, ty, Span::default());
            }
            Stmt::Let { local, init } if self.local_types[local.0 as usize].is_composite() => {
                let reg = self.locals[local.0 as usize];
                let ty = self.local_types[local.0 as usize];
                let span = init.as_ref().map(|e| e.span).unwrap_or_default();
                let slot = self.new_array_slot(span);
                self.emit(
                    Op::Copy {
                        dst: reg,
                        src: slot,
                    },
                    span,
                );
                if let Some(e) = init {
                    self.init_array(reg, e, ty);
                }
                self.flush_temps();
                let cleanup = self.array_cleanup(reg, ty);
                self.scopes
                    .last_mut()
                    .expect("scope")
                    .cleanups
                    .push(cleanup);
            }
            Stmt::Let { local, init } => {
                let reg = self.locals[local.0 as usize];
                let ty = self.local_types[local.0 as usize];
                let span = init.as_ref().map(|e| e.span).unwrap_or_default();
                let v = match init {
                    Some(e) => self.expr(e),
                    None => self.zero(class_of(ty)),
                };
                self.move_into(reg, v, span);
                self.flush_temps();
                if ty == TypeId::STRING {
                    self.scopes
                        .last_mut()
                        .expect("scope")
                        .cleanups
                        .push(Cleanup::Str(reg));
                }
            }
            Stmt::InitGlobal { global, init } if self.program.global(*global).ty.is_composite() => {
                let ty = self.program.global(*global).ty;
                if let Some(e) = init {
                    let addr = self.new_vreg(Class::Obj);
                    self.emit(
                        Op::GlobalAddr {
                            dst: addr,
                            global: *global,
                        },
                        e.span,
                    );
                    let v = self.expr(e);
                    self.assign_array(addr, v, ty, e.span);
                    self.flush_temps();
                }
            }
            Stmt::InitGlobal { global, init } => {
                let mem = mem_type(self.program.global(*global).ty);
                let span = init.as_ref().map(|e| e.span).unwrap_or_default();
                let v = match init {
                    Some(e) => self.expr(e),
                    None => self.zero(mem.class()),
                };
                self.emit(
                    Op::StoreGlobal {
                        src: v,
                        global: *global,
                        mem,
                    },
                    span,
                );
                self.flush_temps();
            }
            Stmt::If {
                cond,
                then,
                otherwise,
            } => {
                let t = self.new_block();
                let f = self.new_block();
                let join = if otherwise.stmts.is_empty() {
                    f
                } else {
                    self.new_block()
                };
                self.branch(cond, t, f);
                self.switch_to(t);
                self.block(then);
                self.jump(join, cond.span);
                if join != f {
                    self.switch_to(f);
                    self.block(otherwise);
                    self.jump(join, cond.span);
                }
                self.switch_to(join);
            }
            Stmt::Loop {
                scope,
                cond,
                body,
                step,
                test_first,
            } => self.lower_loop(scope, cond.as_ref(), body, step.as_ref(), *test_first),
            Stmt::Break | Stmt::Continue => {
                let Some(l) = self.loops.last() else { return };
                let (to, depth) = if matches!(s, Stmt::Break) {
                    (l.break_to, l.depth)
                } else {
                    (l.continue_to, l.depth)
                };
                self.release_scopes(depth);
                self.jump(to, Span::default());
                self.start_dead_block();
            }
            Stmt::Return(Some(e)) if self.ret_ty.is_composite() => {
                let ret = self.ret_ptr.expect("hidden result parameter");
                let v = self.expr(e);
                self.assign_array(ret, v, self.ret_ty, e.span);
                self.flush_temps();
                self.pending_exit = vec![self.array_cleanup(ret, self.ret_ty)];
                self.release_scopes(0);
                self.pending_exit.clear();
                self.terminate(Term::Return(None), e.span);
                self.start_dead_block();
            }
            Stmt::Return(value) => {
                let v = value.as_ref().map(|e| self.expr(e));
                let span = value.as_ref().map(|e| e.span).unwrap_or_default();
                self.flush_temps();
                if let Some(v) = v
                    && self.class(v) == Class::Str
                    && !self.immortal.contains(&v)
                {
                    self.pending_exit = vec![Cleanup::Str(v)];
                }
                self.release_scopes(0);
                self.pending_exit.clear();
                self.terminate(Term::Return(v), span);
                self.start_dead_block();
            }
            Stmt::Block(b) => self.block(b),
            Stmt::Throw { value, class, drop } => self.lower_throw(value, *class, *drop),
            Stmt::Try {
                body,
                catches,
                finally,
            } => self.lower_try(body, catches, finally.as_ref()),
            Stmt::DestroyLocal(l) => {
                let reg = self.locals[l.0 as usize];
                let ty = self.local_types[l.0 as usize];
                self.destroy_object(reg, ty, Span::default());
                self.emit(Op::ExcFreeObject { object: reg }, Span::default());
            }
            Stmt::DestroyObject(l) => {
                let reg = self.locals[l.0 as usize];
                let ty = self.local_types[l.0 as usize];
                self.destroy_object(reg, ty, Span::default());
            }
        }
    }

    fn lower_loop(
        &mut self,
        scope: &hir::Block,
        cond: Option<&hir::Expr>,
        body: &hir::Block,
        step: Option<&hir::Expr>,
        test_first: bool,
    ) {
        self.scopes.push(Scope {
            cleanups: Vec::new(),
            finally: None,
        });
        for s in &scope.stmts {
            self.stmt(s);
        }
        let body_b = self.new_block();
        let step_b = self.new_block();
        let cond_b = self.new_block();
        let exit_b = self.new_block();
        let span = cond.map(|c| c.span).unwrap_or_default();
        self.jump(if test_first { cond_b } else { body_b }, span);
        self.switch_to(body_b);
        self.loops.push(LoopTargets {
            break_to: exit_b,
            continue_to: step_b,
            depth: self.scopes.len(),
        });
        self.block(body);
        self.loops.pop();
        self.jump(step_b, span);
        self.switch_to(step_b);
        if let Some(e) = step {
            self.effect(e);
            self.flush_temps();
        }
        self.jump(cond_b, span);
        self.switch_to(cond_b);
        match cond {
            Some(c) => self.branch(c, body_b, exit_b),
            None => self.jump(body_b, span),
        }
        self.switch_to(exit_b);
        let depth = self.scopes.len() - 1;
        self.release_scopes(depth);
        self.scopes.pop();
    }

    // ---- conditions ------------------------------------------------------------------

    /// Lowers a `bool` condition straight to a branch.
    fn branch(&mut self, e: &hir::Expr, t: BlockId, f: BlockId) {
        match &e.kind {
            ExprKind::Int(v) => {
                let to = if *v != 0 { t } else { f };
                self.jump(to, e.span);
            }
            ExprKind::Unary(UnOp::Not, x) => self.branch(x, f, t),
            ExprKind::Logical { and, lhs, rhs } => {
                let mid = self.new_block();
                if *and {
                    self.branch(lhs, mid, f);
                } else {
                    self.branch(lhs, t, mid);
                }
                self.switch_to(mid);
                self.branch(rhs, t, f);
            }
            ExprKind::Binary(op, a, b) if is_comparison(*op) => {
                let ty = a.ty;
                let (cmp, swap) = cmp_op(*op, ty);
                if let Some(imm) = small_int(b)
                    && !ty.is_float()
                {
                    // `a > k` is `!(a <= k)` and `a >= k` is `!(a < k)` for integers.
                    let a = self.expr(a);
                    let (cmp, then, otherwise) = match op {
                        BinOp::Gt => (cmp_op(BinOp::Le, ty).0, f, t),
                        BinOp::Ge => (cmp_op(BinOp::Lt, ty).0, f, t),
                        _ => (cmp, t, f),
                    };
                    self.terminate_cond(
                        Term::CmpBranchImm {
                            op: cmp,
                            a,
                            imm,
                            then,
                            otherwise,
                        },
                        e.span,
                    );
                    return;
                }
                let (x, y) = self.operand_pair(a, b);
                let (x, y) = if swap { (y, x) } else { (x, y) };
                self.terminate_cond(
                    Term::CmpBranch {
                        op: cmp,
                        a: x,
                        b: y,
                        then: t,
                        otherwise: f,
                    },
                    e.span,
                );
            }
            ExprKind::Convert(x) if e.ty == TypeId::BOOL && x.ty.is_numeric() => {
                let c = class_of(x.ty);
                let v = self.expr(x);
                let term = match c {
                    Class::I32 | Class::I64 => Term::CmpBranchImm {
                        op: if c == Class::I32 {
                            CmpOp::NeI32
                        } else {
                            CmpOp::NeI64
                        },
                        a: v,
                        imm: 0,
                        then: t,
                        otherwise: f,
                    },
                    _ => {
                        let zero = self.const_reg(c, 0);
                        Term::CmpBranch {
                            op: if c == Class::F32 {
                                CmpOp::NeF32
                            } else {
                                CmpOp::NeF64
                            },
                            a: v,
                            b: zero,
                            then: t,
                            otherwise: f,
                        }
                    }
                };
                self.terminate_cond(term, e.span);
            }
            _ => {
                let v = self.expr(e);
                self.terminate_cond(
                    Term::Branch {
                        cond: v,
                        then: t,
                        otherwise: f,
                    },
                    e.span,
                );
            }
        }
    }

    // ---- expressions -----------------------------------------------------------------

    /// Lowers an expression used only for its effects.
    fn effect(&mut self, e: &hir::Expr) {
        match &e.kind {
            ExprKind::Assign { place, value } => {
                self.assign(place, value, e.span, false);
            }
            ExprKind::CompoundAssign {
                place,
                op,
                op_ty,
                value,
            } => {
                self.compound(place, *op, *op_ty, value, e.ty, e.span, false);
            }
            ExprKind::StrAppend { place, value } => {
                self.str_append(place, value, e.span, false);
            }
            ExprKind::IncDec {
                place,
                increment,
                prefix: _,
            } => {
                self.incdec(place, *increment, true, e.ty, e.span);
            }
            _ if e.ty == TypeId::VOID => {
                self.expr_void(e);
            }
            _ => {
                let v = self.expr(e);
                self.release(v, e.span);
            }
        }
    }

    /// Lowers a call whose result type is `void`.
    fn expr_void(&mut self, e: &hir::Expr) {
        match &e.kind {
            ExprKind::Call { func, args } => {
                self.call_into(*func, args, None, e.span);
            }
            ExprKind::Builtin { builtin, args } => {
                self.builtin(*builtin, None, args, None, e.span);
            }
            ExprKind::ArrayMethod {
                method,
                array,
                args,
            } => {
                self.array_method(*method, array, args, e.ty, e.span);
            }
            ExprKind::Math { func, args } => {
                self.math(*func, args, e.ty, e.span);
            }
            _ => {}
        }
    }

    /// Reads an operand; copies a local's register when a later operand may assign it.
    fn operand(&mut self, e: &hir::Expr, later: &[&hir::Expr]) -> VReg {
        let v = self.expr(e);
        if let ExprKind::Local(l) = e.kind
            && self.class(v) != Class::Str
            && later.iter().any(|x| writes_local(x, l))
        {
            let t = self.temp(self.class(v));
            self.emit(Op::Copy { dst: t, src: v }, e.span);
            return t;
        }
        v
    }

    /// An array index: an `i32` index of a 4- or 8-byte element stays 32-bit (the VM
    /// extends it as part of the access); anything else is the checked `i64`.
    fn index_operand(&mut self, index: &hir::Expr, elem: TypeId, later: &[&hir::Expr]) -> VReg {
        if let ExprKind::Convert(inner) = &index.kind
            && inner.ty == TypeId::I32
            && matches!(elem_kind(elem), ElemKind::W32 | ElemKind::W64)
        {
            return self.operand(inner, later);
        }
        self.operand(index, later)
    }

    fn operand_pair(&mut self, a: &hir::Expr, b: &hir::Expr) -> (VReg, VReg) {
        let x = self.operand(a, &[b]);
        let y = self.expr(b);
        (x, y)
    }

    /// A string operand that is only read: a local's register is borrowed when nothing
    /// later can change it; anything else is an owned reference to release afterwards.
    fn borrow_str(&mut self, e: &hir::Expr, later: &[&hir::Expr]) -> (VReg, bool) {
        if let ExprKind::Local(l) = e.kind
            && !later.iter().any(|x| writes_local(x, l))
        {
            return (self.locals[l.0 as usize], false);
        }
        let v = self.expr(e);
        (v, !self.immortal.contains(&v))
    }

    /// Evaluates a place's operands (array and index) once, left to right; `later` are
    /// the expressions evaluated after them, which may assign a local they read.
    fn eval_place(&mut self, place: &Place, later: &[&hir::Expr]) -> Slot {
        match place {
            Place::Local(l) => {
                Slot::Local(self.locals[l.0 as usize], self.local_types[l.0 as usize])
            }
            Place::Global(g) => Slot::Global(*g, self.program.global(*g).ty),
            Place::Field { object, offset } => {
                let addr = self.expr(object);
                let ty = self.field_type(object.ty, *offset);
                Slot::Field {
                    addr,
                    offset: *offset,
                    ty,
                }
            }
            Place::Index { array, index } if self.object_elem(array.ty).is_some() => {
                let elem = self.object_elem(array.ty).expect("object elements");
                self.object_element(array, index, elem)
            }
            Place::Index { array, index } => {
                let mut after: Vec<&hir::Expr> = vec![index];
                after.extend_from_slice(later);
                let arr = self.expr(array);
                let elem = self
                    .program
                    .types
                    .array_elem(array.ty)
                    .unwrap_or(TypeId::I32);
                let index_v = self.index_operand(index, elem, later);
                let _ = after;
                let ty = self
                    .program
                    .types
                    .array_elem(array.ty)
                    .unwrap_or(TypeId::ERROR);
                Slot::Elem {
                    arr,
                    index: index_v,
                    ty,
                }
            }
        }
    }

    /// The current value of a place. A string comes back borrowed from a local or a
    /// global (which keep their reference) but owned from an element.
    fn read_slot(&mut self, slot: &Slot, span: Span) -> VReg {
        match slot {
            Slot::Local(reg, _) => *reg,
            Slot::Global(g, ty) => {
                let mem = mem_type(*ty);
                let t = self.temp(mem.class());
                self.emit(
                    Op::LoadGlobal {
                        dst: t,
                        global: *g,
                        mem,
                    },
                    span,
                );
                t
            }
            Slot::Field { addr, offset, ty } if ty.is_composite() => {
                let t = self.temp(Class::Obj);
                self.emit(
                    Op::AddrOffset {
                        dst: t,
                        addr: *addr,
                        offset: *offset,
                    },
                    span,
                );
                t
            }
            Slot::Field { addr, offset, ty } => {
                let mem = mem_type(*ty);
                let t = self.temp(mem.class());
                self.emit(
                    Op::LoadField {
                        dst: t,
                        addr: *addr,
                        offset: *offset,
                        mem,
                    },
                    span,
                );
                t
            }
            Slot::Elem { arr, index, ty } => {
                let t = self.temp(class_of(*ty));
                self.arr_op(
                    ArrOp::Get,
                    Some(t),
                    vec![*arr, *index],
                    elem_kind(*ty),
                    span,
                );
                t
            }
        }
    }

    /// Writes `v` into a place; a string value's reference moves into the place and the
    /// place's previous string is released. An array is copied element by element.
    fn write_slot(&mut self, slot: &Slot, v: VReg, span: Span) {
        match slot {
            Slot::Field { .. } | Slot::Local(..) | Slot::Global(..)
                if self.is_class_value(slot.ty()) =>
            {
                let dst = self.slot_value(slot, span);
                self.copy_object(dst, v, slot.ty(), span);
            }
            Slot::Field { addr, offset, ty } if ty.is_composite() => {
                let dst = self.temp(Class::Obj);
                self.emit(
                    Op::AddrOffset {
                        dst,
                        addr: *addr,
                        offset: *offset,
                    },
                    span,
                );
                self.assign_array(dst, v, *ty, span);
            }
            Slot::Field { addr, offset, ty } => {
                let mem = mem_type(*ty);
                let old = (mem == MemType::Str).then(|| {
                    let old = self.temp(Class::Str);
                    self.emit(
                        Op::LoadField {
                            dst: old,
                            addr: *addr,
                            offset: *offset,
                            mem,
                        },
                        span,
                    );
                    old
                });
                self.emit(
                    Op::StoreField {
                        src: v,
                        addr: *addr,
                        offset: *offset,
                        mem,
                    },
                    span,
                );
                if let Some(old) = old {
                    self.emit(Op::StrRelease { s: old }, span);
                }
            }
            Slot::Local(reg, ty) if ty.is_composite() => {
                self.assign_array(*reg, v, *ty, span);
            }
            Slot::Local(reg, ty) => {
                if *ty == TypeId::STRING && *reg != v {
                    self.emit(Op::StrRelease { s: *reg }, span);
                }
                self.move_into(*reg, v, span);
            }
            Slot::Global(g, ty) if ty.is_composite() => {
                let addr = self.temp(Class::Obj);
                self.emit(
                    Op::GlobalAddr {
                        dst: addr,
                        global: *g,
                    },
                    span,
                );
                self.assign_array(addr, v, *ty, span);
            }
            Slot::Global(g, ty) => {
                let mem = mem_type(*ty);
                let old = (mem == MemType::Str).then(|| {
                    let old = self.temp(Class::Str);
                    self.emit(
                        Op::LoadGlobal {
                            dst: old,
                            global: *g,
                            mem,
                        },
                        span,
                    );
                    old
                });
                self.emit(
                    Op::StoreGlobal {
                        src: v,
                        global: *g,
                        mem,
                    },
                    span,
                );
                if let Some(old) = old {
                    self.emit(Op::StrRelease { s: old }, span);
                }
            }
            Slot::Elem { arr, index, ty } => {
                self.arr_op(
                    ArrOp::Set,
                    None,
                    vec![*arr, *index, v],
                    elem_kind(*ty),
                    span,
                );
            }
        }
    }

    /// The value of a place after an assignment, as an owned reference for strings
    /// (and the address for an array).
    fn slot_value(&mut self, slot: &Slot, span: Span) -> VReg {
        if let Slot::Global(g, ty) = slot
            && ty.is_composite()
        {
            let addr = self.temp(Class::Obj);
            self.emit(
                Op::GlobalAddr {
                    dst: addr,
                    global: *g,
                },
                span,
            );
            return addr;
        }
        let v = self.read_slot(slot, span);
        if slot.ty().is_composite() {
            return v;
        }
        if slot.ty() == TypeId::STRING && !matches!(slot, Slot::Elem { .. }) {
            let t = self.temp(Class::Str);
            self.emit(Op::StrShare { dst: t, src: v }, span);
            return t;
        }
        v
    }

    fn arr_op(
        &mut self,
        op: ArrOp,
        dst: Option<VReg>,
        args: Vec<VReg>,
        kind: ElemKind,
        span: Span,
    ) {
        self.emit(
            Op::Arr {
                op,
                dst,
                args,
                kind,
            },
            span,
        );
    }

    fn assign(&mut self, place: &Place, value: &hir::Expr, span: Span, want: bool) -> Option<VReg> {
        let slot = self.eval_place(place, &[value]);
        let v = self.expr(value);
        self.write_slot(&slot, v, span);
        want.then(|| self.slot_value(&slot, span))
    }

    /// `place op= value` (spec 4.6).
    #[allow(clippy::too_many_arguments)]
    fn compound(
        &mut self,
        place: &Place,
        op: BinOp,
        op_ty: TypeId,
        value: &hir::Expr,
        place_ty: TypeId,
        span: Span,
        want: bool,
    ) -> Option<VReg> {
        let slot = self.eval_place(place, &[value]);
        if matches!(op, BinOp::And | BinOp::Or) {
            let cur = self.read_slot(&slot, span);
            let assign_b = self.new_block();
            let join = self.new_block();
            let (t, f) = if op == BinOp::And {
                (assign_b, join)
            } else {
                (join, assign_b)
            };
            self.terminate(
                Term::CmpBranchImm {
                    op: CmpOp::NeI32,
                    a: cur,
                    imm: 0,
                    then: t,
                    otherwise: f,
                },
                span,
            );
            self.switch_to(assign_b);
            let v = self.expr(value);
            self.write_slot(&slot, v, span);
            self.jump(join, span);
            self.switch_to(join);
            return want.then(|| self.slot_value(&slot, span));
        }
        let cur = self.read_slot(&slot, span);
        let cur = if let Place::Local(l) = place
            && writes_local(value, *l)
        {
            let t = self.temp(self.class(cur));
            self.emit(Op::Copy { dst: t, src: cur }, span);
            t
        } else {
            cur
        };
        let a = self.convert_reg(cur, place_ty, op_ty, span);
        let b = self.expr(value);
        let r = self.binary_regs(op, op_ty, a, b, span);
        let r = self.convert_reg(r, op_ty, place_ty, span);
        self.write_slot(&slot, r, span);
        want.then(|| self.slot_value(&slot, span))
    }

    fn str_append(
        &mut self,
        place: &Place,
        value: &hir::Expr,
        span: Span,
        want: bool,
    ) -> Option<VReg> {
        let slot = self.eval_place(place, &[value]);
        let kind = text_kind(value.ty);
        let (v, owned) = if kind == TextKind::Str {
            self.borrow_str(value, &[])
        } else {
            (self.expr(value), false)
        };
        match &slot {
            Slot::Local(reg, _) => {
                self.emit(
                    Op::StrAppend {
                        s: *reg,
                        value: v,
                        kind,
                    },
                    span,
                );
            }
            // A global or an element: take its string, append, and store it back (the
            // element's read is a reference of its own, which the store moves in).
            _ => {
                let cur = self.read_slot(&slot, span);
                let t = self.temp(Class::Str);
                self.emit(Op::Copy { dst: t, src: cur }, span);
                self.temps.remove(&t);
                self.emit(
                    Op::StrAppend {
                        s: t,
                        value: v,
                        kind,
                    },
                    span,
                );
                match &slot {
                    Slot::Global(g, _) => self.emit(
                        Op::StoreGlobal {
                            src: t,
                            global: *g,
                            mem: MemType::Str,
                        },
                        span,
                    ),
                    _ => self.write_slot(&slot, t, span),
                }
            }
        }
        if owned {
            self.release(v, span);
        }
        want.then(|| self.slot_value(&slot, span))
    }

    /// `++`/`--` on a numeric place; returns the expression's value.
    fn incdec(
        &mut self,
        place: &Place,
        increment: bool,
        prefix: bool,
        ty: TypeId,
        span: Span,
    ) -> VReg {
        let slot = self.eval_place(place, &[]);
        let cur = self.read_slot(&slot, span);
        let c = class_of(ty);
        let old = if prefix {
            cur
        } else {
            let t = self.temp(c);
            self.emit(Op::Copy { dst: t, src: cur }, span);
            t
        };
        let p = ty.prim().expect("numeric place");
        let new = self.temp(c);
        match c {
            Class::I32 | Class::I64 => {
                let op = if c == Class::I32 {
                    BinaryOp::AddI32
                } else {
                    BinaryOp::AddI64
                };
                self.emit(
                    Op::BinaryImm {
                        op,
                        dst: new,
                        a: cur,
                        imm: if increment { 1 } else { -1 },
                    },
                    span,
                );
            }
            _ => {
                let one = if c == Class::F32 {
                    self.const_reg(c, 1.0f32.to_bits() as u64)
                } else {
                    self.const_reg(c, 1.0f64.to_bits())
                };
                let op = match (c, increment) {
                    (Class::F32, true) => BinaryOp::AddF32,
                    (Class::F32, false) => BinaryOp::SubF32,
                    (_, true) => BinaryOp::AddF64,
                    (_, false) => BinaryOp::SubF64,
                };
                self.emit(
                    Op::Binary {
                        op,
                        dst: new,
                        a: cur,
                        b: one,
                    },
                    span,
                );
            }
        }
        if let Some(n) = narrow_op(p) {
            self.emit(
                Op::Unary {
                    op: n,
                    dst: new,
                    src: new,
                },
                span,
            );
        }
        self.write_slot(&slot, new, span);
        if prefix {
            match &slot {
                // An element's new value is in `new` already; no second read.
                Slot::Elem { .. } => new,
                _ => self.read_slot(&slot, span),
            }
        } else {
            old
        }
    }

    /// Lowers an expression with a value; a string result is an owned reference.
    fn expr(&mut self, e: &hir::Expr) -> VReg {
        let span = e.span;
        match &e.kind {
            ExprKind::Int(bits) => self.const_reg(class_of(e.ty), *bits),
            ExprKind::Float(x) => {
                if e.ty == TypeId::F32 {
                    self.const_reg(Class::F32, (*x as f32).to_bits() as u64)
                } else {
                    self.const_reg(Class::F64, x.to_bits())
                }
            }
            ExprKind::Str(bytes) => self.literal(bytes),
            ExprKind::Local(l) => {
                let reg = self.locals[l.0 as usize];
                if e.ty == TypeId::STRING {
                    let t = self.temp(Class::Str);
                    self.emit(Op::StrShare { dst: t, src: reg }, span);
                    return t;
                }
                reg
            }
            ExprKind::Global(g) => {
                let slot = Slot::Global(*g, e.ty);
                if e.ty.is_composite() {
                    return self.slot_value(&slot, span);
                }
                let v = self.read_slot(&slot, span);
                if e.ty == TypeId::STRING {
                    self.emit(Op::StrShare { dst: v, src: v }, span);
                }
                v
            }
            ExprKind::Convert(x) => {
                let v = self.expr(x);
                self.convert_reg(v, x.ty, e.ty, span)
            }
            ExprKind::ToString(x) => {
                let v = self.expr(x);
                let t = self.temp(Class::Str);
                self.emit(
                    Op::ToText {
                        dst: t,
                        src: v,
                        kind: text_kind(x.ty),
                    },
                    span,
                );
                t
            }
            ExprKind::Unary(op, x) => {
                let v = self.expr(x);
                let c = class_of(e.ty);
                let uop = match (op, c) {
                    (UnOp::Not, _) => UnaryOp::NotBool,
                    (UnOp::Neg, Class::I32) => UnaryOp::NegI32,
                    (UnOp::Neg, Class::I64) => UnaryOp::NegI64,
                    (UnOp::Neg, Class::F32) => UnaryOp::NegF32,
                    (UnOp::Neg, _) => UnaryOp::NegF64,
                    (UnOp::BitNot, Class::I32) => UnaryOp::NotI32,
                    (UnOp::BitNot, _) => UnaryOp::NotI64,
                    (UnOp::Plus, _) => return v,
                };
                let t = self.temp(c);
                self.emit(
                    Op::Unary {
                        op: uop,
                        dst: t,
                        src: v,
                    },
                    span,
                );
                t
            }
            ExprKind::Binary(op, a, b) => {
                if is_comparison(*op) {
                    let (cmp, swap) = cmp_op(*op, a.ty);
                    let (x, y) = self.operand_pair(a, b);
                    let (x, y) = if swap { (y, x) } else { (x, y) };
                    let t = self.temp(Class::I32);
                    self.emit(
                        Op::Compare {
                            op: cmp,
                            dst: t,
                            a: x,
                            b: y,
                        },
                        span,
                    );
                    return t;
                }
                let ty = a.ty;
                if matches!(op, BinOp::Add | BinOp::Sub)
                    && matches!(class_of(ty), Class::I32 | Class::I64)
                    && let Some(imm) = small_int(b)
                    && (*op == BinOp::Add || imm != i32::MIN)
                {
                    let x = self.expr(a);
                    let imm = if *op == BinOp::Sub { -imm } else { imm };
                    let c = class_of(ty);
                    let t = self.temp(c);
                    let aop = if c == Class::I32 {
                        BinaryOp::AddI32
                    } else {
                        BinaryOp::AddI64
                    };
                    self.emit(
                        Op::BinaryImm {
                            op: aop,
                            dst: t,
                            a: x,
                            imm,
                        },
                        span,
                    );
                    return self.normalize(t, e.ty, span);
                }
                let (x, y) = self.operand_pair(a, b);
                let r = self.binary_regs(*op, ty, x, y, span);
                self.normalize(r, e.ty, span)
            }
            ExprKind::StrCompare(op, a, b) => {
                let (x, rx) = self.borrow_str(a, &[b]);
                let (y, ry) = self.borrow_str(b, &[]);
                let c = self.temp(Class::I32);
                self.emit(Op::StrCompare { dst: c, a: x, b: y }, span);
                if rx {
                    self.release(x, span);
                }
                if ry {
                    self.release(y, span);
                }
                let zero = self.const_reg(Class::I32, 0);
                let (cmp, swap) = cmp_op(*op, TypeId::I32);
                let (x, y) = if swap { (zero, c) } else { (c, zero) };
                let t = self.temp(Class::I32);
                self.emit(
                    Op::Compare {
                        op: cmp,
                        dst: t,
                        a: x,
                        b: y,
                    },
                    span,
                );
                t
            }
            ExprKind::Logical { .. } => {
                let r = self.temp(Class::I32);
                self.bool_value(e, r)
            }
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } if e.ty.is_composite() => self.object_cond(cond, [then, otherwise], e.ty, None, span),
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                let c = class_of(e.ty);
                let r = self.temp(c);
                // `r` is written on two paths, so it must never be retargeted.
                self.temps.remove(&r);
                let [t, f, join] = self.split_on(cond);
                for (block, value) in [(t, then), (f, otherwise)] {
                    self.switch_to(block);
                    // An arm's temporaries exist on its path only: they die before the
                    // paths join (the value is a primitive or a string of its own).
                    let arm = self.expr_temps.len();
                    let v = self.expr(value);
                    self.move_into(r, v, span);
                    self.end_arm(arm);
                    self.jump(join, span);
                }
                self.switch_to(join);
                r
            }
            ExprKind::Assign { place, value } => {
                self.assign(place, value, span, true).expect("value wanted")
            }
            ExprKind::CompoundAssign {
                place,
                op,
                op_ty,
                value,
            } => self
                .compound(place, *op, *op_ty, value, e.ty, span, true)
                .expect("value wanted"),
            ExprKind::StrAppend { place, value } => self
                .str_append(place, value, span, true)
                .expect("value wanted"),
            ExprKind::IncDec {
                place,
                increment,
                prefix,
            } => self.incdec(place, *increment, *prefix, e.ty, span),
            ExprKind::Call { func, args } => self
                .call_into(*func, args, None, span)
                .unwrap_or_else(|| self.zero(Class::I32)),
            ExprKind::Builtin { builtin, args } if e.ty.is_composite() => {
                self.builtin_array(*builtin, args, None, e.ty, span)
            }
            ExprKind::Builtin { builtin, args } => {
                let t = self.temp(class_of(e.ty));
                self.builtin(*builtin, None, args, Some(t), span);
                t
            }
            ExprKind::Concat(pieces) => self.concat(pieces, span),
            ExprKind::Field { object, offset } => {
                let addr = self.expr(object);
                let slot = Slot::Field {
                    addr,
                    offset: *offset,
                    ty: e.ty,
                };
                let v = self.read_slot(&slot, span);
                if e.ty == TypeId::STRING {
                    self.emit(Op::StrShare { dst: v, src: v }, span);
                }
                v
            }
            ExprKind::Construct { class, init } => {
                let v = self.new_object_slot(e.ty, span);
                self.construct(v, *class, init, span);
                self.expr_temps.push(Cleanup::Obj(v, e.ty));
                v
            }
            ExprKind::New { class, init } => {
                let size = self.program.classes[*class].size.max(1);
                let h = self.temp(Class::I64);
                self.emit(Op::HandleNew { dst: h, size }, span);
                self.temps.remove(&h);
                let unbuilt = Cleanup::Unbuilt(h);
                self.expr_temps.push(unbuilt);
                let addr = self.new_vreg(Class::Obj);
                self.emit_deref(addr, h, span);
                self.construct(addr, *class, init, span);
                self.forget_temp(unbuilt);
                h
            }
            ExprKind::Deref(handle) => {
                let h = self.expr(handle);
                let addr = self.temp(Class::Obj);
                self.emit_deref(addr, h, span);
                addr
            }
            ExprKind::UpdateObject { place, func, args } => {
                self.update_object(place, *func, args, e.ty, span)
            }
            ExprKind::PostfixObject { object, func } => {
                let copy = self.new_object_slot(e.ty, span);
                let v = self.expr(object);
                self.init_copy(copy, v, e.ty, span);
                self.expr_temps.push(Cleanup::Obj(copy, e.ty));
                self.call_on_object(*func, v, span);
                copy
            }
            ExprKind::Math { func, args } => self
                .math(*func, args, e.ty, span)
                .unwrap_or_else(|| self.zero(Class::I32)),
            ExprKind::NewArray => {
                let v = self.new_array_slot(span);
                self.expr_temps.push(self.array_cleanup(v, e.ty));
                v
            }
            ExprKind::Index { array, index } if self.object_elem(array.ty).is_some() => {
                let slot = self.object_element(array, index, e.ty);
                self.read_slot(&slot, span)
            }
            ExprKind::Index { array, index } => {
                let arr = self.operand(array, &[index]);
                let i = self.index_operand(index, e.ty, &[]);
                let t = self.temp(class_of(e.ty));
                self.arr_op(ArrOp::Get, Some(t), vec![arr, i], elem_kind(e.ty), span);
                t
            }
            ExprKind::ArrayLen(array) => {
                let arr = self.expr(array);
                let t = self.temp(Class::I32);
                self.arr_op(ArrOp::Len, Some(t), vec![arr], ElemKind::W32, span);
                t
            }
            ExprKind::ArrayMethod {
                method,
                array,
                args,
            } => self
                .array_method(*method, array, args, e.ty, span)
                .unwrap_or_else(|| self.zero(Class::I32)),
        }
    }

    /// `array.method(args)`; the result for methods that have one.
    fn array_method(
        &mut self,
        method: hir::ArrayMethod,
        array: &hir::Expr,
        args: &[hir::Expr],
        ty: TypeId,
        span: Span,
    ) -> Option<VReg> {
        use hir::ArrayMethod as M;
        if let Some(elem) = self.object_elem(array.ty) {
            return self.object_array_method(method, array, args, elem, span);
        }
        let kind = self.array_kind(array.ty);
        let later: Vec<&hir::Expr> = args.iter().collect();
        let arr = self.operand(array, &later);
        let mut regs = vec![arr];
        let mut borrowed = None;
        for (i, a) in args.iter().enumerate() {
            let rest: Vec<&hir::Expr> = args[i + 1..].iter().collect();
            // `indexOf`/`includes` only look at a string; the others store it.
            if a.ty == TypeId::STRING && matches!(method, M::IndexOf | M::Includes) {
                let (v, owned) = self.borrow_str(a, &rest);
                if owned {
                    borrowed = Some(v);
                }
                regs.push(v);
            } else {
                regs.push(self.operand(a, &rest));
            }
        }
        let (op, result) = match method {
            M::Push => (ArrOp::Push, None),
            M::Pop => (ArrOp::Pop, Some(self.temp(class_of(ty)))),
            M::Insert => (ArrOp::Insert, None),
            M::Remove => (ArrOp::Remove, None),
            M::Clear => (ArrOp::Clear, None),
            M::Resize => (ArrOp::Resize, None),
            M::Reserve => (ArrOp::Reserve, None),
            M::IndexOf | M::Includes => (ArrOp::IndexOf, Some(self.temp(Class::I32))),
        };
        self.arr_op(op, result, regs, kind, span);
        if let Some(v) = borrowed {
            self.release(v, span);
        }
        if method == M::Includes {
            let found = self.temp(Class::I32);
            let minus_one = self.const_reg(Class::I32, u32::MAX as u64);
            self.emit(
                Op::Compare {
                    op: CmpOp::NeI32,
                    dst: found,
                    a: result.expect("indexOf result"),
                    b: minus_one,
                },
                span,
            );
            return Some(found);
        }
        result
    }

    /// Calls a script function. A function returning an array constructs it at `into`
    /// (or in a new temporary), passed as the hidden first argument; the result is then
    /// that address.
    fn call_into(
        &mut self,
        func: hir::FuncId,
        args: &[hir::Expr],
        into: Option<VReg>,
        span: Span,
    ) -> Option<VReg> {
        let info = self.program.func(func);
        let ret = info.ret;
        let mut regs = self.call_args(args);
        if ret.is_composite() {
            let (slot, cleanup) = match into {
                Some(v) => (v, None),
                None if self.program.class_of(ret).is_some() => {
                    let v = self.new_object_slot(ret, span);
                    (v, Some(Cleanup::Obj(v, ret)))
                }
                None => {
                    let v = self.new_array_slot(span);
                    (v, Some(self.array_cleanup(v, ret)))
                }
            };
            regs.insert(0, slot);
            self.emit(
                Op::Call {
                    dst: None,
                    func,
                    args: regs,
                },
                span,
            );
            // The result is owned once the call has built it.
            self.expr_temps.extend(cleanup);
            return Some(slot);
        }
        let dst = (ret != TypeId::VOID).then(|| self.temp(class_of(ret)));
        self.emit(
            Op::Call {
                dst,
                func,
                args: regs,
            },
            span,
        );
        dst
    }

    /// Evaluates a `bool` expression into `r` through branches.
    fn bool_value(&mut self, e: &hir::Expr, r: VReg) -> VReg {
        self.temps.remove(&r);
        let t = self.new_block();
        let f = self.new_block();
        let join = self.new_block();
        // The condition's branches destroy its own temporaries, not those of the
        // expression around it.
        let mark = std::mem::replace(&mut self.cond_mark, self.expr_temps.len());
        self.branch(e, t, f);
        self.cond_mark = mark;
        let one = self.const_reg(Class::I32, 1);
        let zero = self.const_reg(Class::I32, 0);
        self.switch_to(t);
        self.emit(Op::Copy { dst: r, src: one }, e.span);
        self.jump(join, e.span);
        self.switch_to(f);
        self.emit(Op::Copy { dst: r, src: zero }, e.span);
        self.jump(join, e.span);
        self.switch_to(join);
        r
    }

    /// Arguments of a script call: strings are passed as owned references.
    /// Evaluates call arguments left to right. A string argument is a reference of its
    /// own (or an immortal literal) that the callee consumes; while later arguments are
    /// evaluated it is a temporary, released if one of them raises.
    fn call_args(&mut self, args: &[hir::Expr]) -> Vec<VReg> {
        let mut out = Vec::with_capacity(args.len());
        for (i, a) in args.iter().enumerate() {
            let later: Vec<&hir::Expr> = args[i + 1..].iter().collect();
            let v = self.operand(a, &later);
            if self.class(v) == Class::Str && !self.immortal.contains(&v) {
                self.expr_temps.push(Cleanup::Str(v));
            }
            out.push(v);
        }
        for &v in &out {
            self.forget_temp(Cleanup::Str(v));
        }
        out
    }

    /// Takes `c` off the temporaries of the current expression: what it holds has
    /// passed to someone else.
    fn forget_temp(&mut self, c: Cleanup) {
        if let Some(i) = self.expr_temps.iter().rposition(|t| *t == c) {
            self.expr_temps.remove(i);
        }
    }

    /// Initialises the zeroed array at `dst` from `e`: a call or a built-in builds its
    /// result straight into it, a `?:` builds the chosen arm there, anything else is
    /// copied.
    pub(super) fn init_array(&mut self, dst: VReg, e: &hir::Expr, ty: TypeId) {
        match &e.kind {
            ExprKind::NewArray => {}
            ExprKind::Call { func, args } => {
                self.call_into(*func, args, Some(dst), e.span);
            }
            ExprKind::Builtin { builtin, args } => {
                self.builtin_array(*builtin, args, Some(dst), ty, e.span);
            }
            ExprKind::Cond {
                cond,
                then,
                otherwise,
            } => {
                self.object_cond(cond, [then, otherwise], ty, Some(dst), e.span);
            }
            _ => {
                let v = self.expr(e);
                self.assign_array(dst, v, ty, e.span);
            }
        }
    }

    /// A built-in with an array result (`split`) builds it in `into`, a zeroed array
    /// such as a new local, or else in a new temporary; the result is that address.
    fn builtin_array(
        &mut self,
        builtin: Builtin,
        args: &[hir::Expr],
        into: Option<VReg>,
        ty: TypeId,
        span: Span,
    ) -> VReg {
        let slot = into.unwrap_or_else(|| self.new_array_slot(span));
        self.builtin(builtin, Some(slot), args, None, span);
        // Owned once built: a built-in that raises leaves the array empty.
        if into.is_none() {
            self.expr_temps.push(self.array_cleanup(slot, ty));
        }
        slot
    }

    /// Calls a built-in on `args`, after `array` (where one with an array result builds it).
    fn builtin(
        &mut self,
        builtin: Builtin,
        array: Option<VReg>,
        args: &[hir::Expr],
        dst: Option<VReg>,
        span: Span,
    ) {
        let mut regs: Vec<VReg> = array.into_iter().collect();
        let mut to_release = Vec::new();
        for (i, a) in args.iter().enumerate() {
            let later: Vec<&hir::Expr> = args[i + 1..].iter().collect();
            if a.ty == TypeId::STRING {
                let (v, owned) = self.borrow_str(a, &later);
                if owned {
                    to_release.push(v);
                }
                regs.push(v);
            } else {
                regs.push(self.operand(a, &later));
            }
        }
        self.emit(
            Op::Builtin {
                dst,
                builtin,
                args: regs,
            },
            span,
        );
        for v in to_release {
            self.release(v, span);
        }
    }

    fn concat(&mut self, pieces: &[hir::Expr], span: Span) -> VReg {
        let first = &pieces[0];
        let acc = if first.ty == TypeId::STRING {
            let v = self.expr(first);
            if self.temps.contains(&v) && !self.immortal.contains(&v) {
                v
            } else {
                // Appending must not change a literal's or a variable's register.
                let t = self.temp(Class::Str);
                self.emit(Op::Copy { dst: t, src: v }, span);
                t
            }
        } else {
            let v = self.expr(first);
            let t = self.temp(Class::Str);
            self.emit(
                Op::ToText {
                    dst: t,
                    src: v,
                    kind: text_kind(first.ty),
                },
                span,
            );
            t
        };
        // The accumulator is written by every append; it is no longer a plain temporary.
        // Until the result is complete, a piece that raises must release it.
        self.temps.remove(&acc);
        self.expr_temps.push(Cleanup::Str(acc));
        for p in &pieces[1..] {
            let kind = text_kind(p.ty);
            if kind == TextKind::Str {
                let (v, owned) = self.borrow_str(p, &[]);
                self.emit(
                    Op::StrAppend {
                        s: acc,
                        value: v,
                        kind,
                    },
                    p.span,
                );
                if owned {
                    self.release(v, p.span);
                }
            } else {
                let v = self.expr(p);
                self.emit(
                    Op::StrAppend {
                        s: acc,
                        value: v,
                        kind,
                    },
                    p.span,
                );
            }
        }
        self.forget_temp(Cleanup::Str(acc));
        let out = self.temp(Class::Str);
        self.emit(Op::Copy { dst: out, src: acc }, span);
        out
    }

    /// `a op b` on registers of type `ty` (a primitive).
    fn binary_regs(&mut self, op: BinOp, ty: TypeId, a: VReg, b: VReg, span: Span) -> VReg {
        let p = ty.prim().expect("primitive operands");
        let c = class_of(ty);
        let signed = p.is_signed();
        use BinaryOp as B;
        let bop = match (c, op) {
            (Class::I32, BinOp::Add) => B::AddI32,
            (Class::I32, BinOp::Sub) => B::SubI32,
            (Class::I32, BinOp::Mul) => B::MulI32,
            (Class::I32, BinOp::Div) => {
                if signed {
                    B::DivS32
                } else {
                    B::DivU32
                }
            }
            (Class::I32, BinOp::Rem) => {
                if signed {
                    B::RemS32
                } else {
                    B::RemU32
                }
            }
            (Class::I32, BinOp::BitAnd) => B::AndI32,
            (Class::I32, BinOp::BitOr) => B::OrI32,
            (Class::I32, BinOp::BitXor) => B::XorI32,
            (Class::I32, BinOp::Shl) => B::ShlI32,
            (Class::I32, BinOp::Shr) => {
                if signed {
                    B::ShrS32
                } else {
                    B::ShrU32
                }
            }
            (Class::I64, BinOp::Add) => B::AddI64,
            (Class::I64, BinOp::Sub) => B::SubI64,
            (Class::I64, BinOp::Mul) => B::MulI64,
            (Class::I64, BinOp::Div) => {
                if signed {
                    B::DivS64
                } else {
                    B::DivU64
                }
            }
            (Class::I64, BinOp::Rem) => {
                if signed {
                    B::RemS64
                } else {
                    B::RemU64
                }
            }
            (Class::I64, BinOp::BitAnd) => B::AndI64,
            (Class::I64, BinOp::BitOr) => B::OrI64,
            (Class::I64, BinOp::BitXor) => B::XorI64,
            (Class::I64, BinOp::Shl) => B::ShlI64,
            (Class::I64, BinOp::Shr) => {
                if signed {
                    B::ShrS64
                } else {
                    B::ShrU64
                }
            }
            (Class::F32, BinOp::Add) => B::AddF32,
            (Class::F32, BinOp::Sub) => B::SubF32,
            (Class::F32, BinOp::Mul) => B::MulF32,
            (Class::F32, BinOp::Div) => B::DivF32,
            (Class::F32, BinOp::Rem) => B::RemF32,
            (Class::F64, BinOp::Add) => B::AddF64,
            (Class::F64, BinOp::Sub) => B::SubF64,
            (Class::F64, BinOp::Mul) => B::MulF64,
            (Class::F64, BinOp::Div) => B::DivF64,
            (_, _) => B::RemF64,
        };
        let t = self.temp(c);
        self.emit(
            Op::Binary {
                op: bop,
                dst: t,
                a,
                b,
            },
            span,
        );
        t
    }

    /// Normalises a result of a narrow type (a `bool` result of `& | ^` is already 0/1).
    /// A `math` function; `clamp` is `min(max(v, lo), hi)` and `lerp` `a + (b - a) * t`.
    fn math(
        &mut self,
        func: hir::MathFn,
        args: &[hir::Expr],
        ty: TypeId,
        span: Span,
    ) -> Option<VReg> {
        use crate::builtins::math::MathKind;
        use hir::MathFn as M;
        let regs = self.call_args(args);
        let arg_ty = args.first().map_or(ty, |a| a.ty);
        let kind = match arg_ty.prim() {
            Some(Prim::F32) => MathKind::F32,
            Some(Prim::F64) => MathKind::F64,
            Some(Prim::I64) => MathKind::S64,
            Some(Prim::U64) => MathKind::U64,
            Some(Prim::I8 | Prim::I16 | Prim::I32) => MathKind::S32,
            _ => MathKind::U32,
        };
        let call = |lw: &mut Self, func: M, args: Vec<VReg>| {
            let dst = lw.temp(kind.class());
            lw.emit(
                Op::Math {
                    func,
                    kind,
                    dst: Some(dst),
                    args,
                },
                span,
            );
            dst
        };
        let v = match func {
            M::RandomSeed => {
                self.emit(
                    Op::Math {
                        func,
                        kind: MathKind::U64,
                        dst: None,
                        args: regs,
                    },
                    span,
                );
                return None;
            }
            M::Clamp => {
                let low = call(self, M::Max, vec![regs[0], regs[1]]);
                call(self, M::Min, vec![low, regs[2]])
            }
            M::Lerp => {
                let diff = self.binary_regs(BinOp::Sub, ty, regs[1], regs[0], span);
                let scaled = self.binary_regs(BinOp::Mul, ty, diff, regs[2], span);
                self.binary_regs(BinOp::Add, ty, regs[0], scaled, span)
            }
            _ => call(self, func, regs),
        };
        Some(self.normalize(v, ty, span))
    }

    fn normalize(&mut self, v: VReg, ty: TypeId, span: Span) -> VReg {
        match ty.prim().and_then(narrow_op) {
            Some(op) => {
                let t = self.temp(Class::I32);
                self.emit(Op::Unary { op, dst: t, src: v }, span);
                t
            }
            None => v,
        }
    }

    fn unary_to(&mut self, op: UnaryOp, v: VReg, span: Span) -> VReg {
        let t = self.temp(op.classes().1);
        self.emit(Op::Unary { op, dst: t, src: v }, span);
        t
    }

    /// Converts a register holding a `from` value to type `to` (spec 3.8).
    fn convert_reg(&mut self, v: VReg, from: TypeId, to: TypeId, span: Span) -> VReg {
        if from == to {
            return v;
        }
        let (Some(pf), Some(pt)) = (from.prim(), to.prim()) else {
            return v;
        };
        let cf = class_of(from);
        use UnaryOp as U;
        if pt == Prim::Bool {
            let op = match cf {
                Class::I32 => U::I32ToBool,
                Class::I64 => U::I64ToBool,
                Class::F32 => U::F32ToBool,
                _ => U::F64ToBool,
            };
            return self.unary_to(op, v, span);
        }
        if pt.is_float() {
            let op = match (cf, pt) {
                (Class::F32, Prim::F64) => U::F32ToF64,
                (Class::F64, Prim::F32) => U::F64ToF32,
                (Class::I32, Prim::F32) if pf.is_signed() => U::I32ToF32,
                (Class::I32, Prim::F32) => U::U32ToF32,
                (Class::I32, _) if pf.is_signed() => U::I32ToF64,
                (Class::I32, _) => U::U32ToF64,
                (Class::I64, Prim::F32) if pf.is_signed() => U::I64ToF32,
                (Class::I64, Prim::F32) => U::U64ToF32,
                (Class::I64, _) if pf.is_signed() => U::I64ToF64,
                (Class::I64, _) => U::U64ToF64,
                _ => return v,
            };
            return self.unary_to(op, v, span);
        }
        // Integer target.
        let wide_target = pt.bits() == 64;
        let v = match cf {
            Class::F32 | Class::F64 => {
                let op = match (cf, pt.is_signed()) {
                    (Class::F32, true) => U::F32ToI64,
                    (Class::F32, false) => U::F32ToU64,
                    (_, true) => U::F64ToI64,
                    (_, false) => U::F64ToU64,
                };
                let w = self.unary_to(op, v, span);
                if wide_target {
                    return w;
                }
                self.unary_to(U::WrapI64, w, span)
            }
            Class::I64 => {
                if wide_target {
                    return v;
                }
                self.unary_to(U::WrapI64, v, span)
            }
            _ => {
                if wide_target {
                    let op = if pf.is_signed() {
                        U::SextI32
                    } else {
                        U::ZextI32
                    };
                    return self.unary_to(op, v, span);
                }
                v
            }
        };
        // Now an I32 register; narrow targets need normalising (and so does a source
        // that was normalised for another narrow type of the same width).
        match narrow_op(pt) {
            Some(op) => self.unary_to(op, v, span),
            None => v,
        }
    }
}

/// Changes the destination of `op` from `from` to `to` when `op` only writes it.
fn retarget(op: &mut Op, from: VReg, to: VReg) -> bool {
    let dst = match op {
        Op::Const { dst, .. }
        | Op::Copy { dst, .. }
        | Op::Unary { dst, .. }
        | Op::Binary { dst, .. }
        | Op::BinaryImm { dst, .. }
        | Op::Compare { dst, .. }
        | Op::LoadGlobal { dst, .. }
        | Op::StrShare { dst, .. }
        | Op::ToText { dst, .. }
        | Op::StrCompare { dst, .. } => dst,
        Op::Call { dst: Some(dst), .. } | Op::Builtin { dst: Some(dst), .. } => dst,
        _ => return false,
    };
    if *dst != from {
        return false;
    }
    *dst = to;
    true
}

fn is_comparison(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
    )
}

/// The IR comparison for `op` on operands of type `ty`, and whether to swap operands.
fn cmp_op(op: BinOp, ty: TypeId) -> (CmpOp, bool) {
    use CmpOp::*;
    let p = ty.prim().unwrap_or(Prim::I32);
    let (eq, ne, lt, le) = match class_of(ty) {
        Class::I64 => {
            if p.is_signed() {
                (EqI64, NeI64, LtS64, LeS64)
            } else {
                (EqI64, NeI64, LtU64, LeU64)
            }
        }
        Class::F32 => (EqF32, NeF32, LtF32, LeF32),
        Class::F64 => (EqF64, NeF64, LtF64, LeF64),
        _ => {
            if p.is_signed() || p == Prim::Bool || p == Prim::U8 || p == Prim::U16 {
                (EqI32, NeI32, LtS32, LeS32)
            } else {
                (EqI32, NeI32, LtU32, LeU32)
            }
        }
    };
    match op {
        BinOp::Eq => (eq, false),
        BinOp::Ne => (ne, false),
        BinOp::Lt => (lt, false),
        BinOp::Le => (le, false),
        BinOp::Gt => (lt, true),
        _ => (le, true),
    }
}

/// An integer constant that fits an `i32` immediate.
fn small_int(e: &hir::Expr) -> Option<i32> {
    match e.kind {
        ExprKind::Int(bits) if e.ty.is_integer() || e.ty == TypeId::BOOL => {
            let v = if class_of(e.ty) == Class::I32 {
                if e.ty.prim().is_some_and(|p| p.is_signed()) {
                    bits as i32 as i64
                } else {
                    bits as u32 as i64
                }
            } else {
                bits as i64
            };
            i32::try_from(v).ok()
        }
        _ => None,
    }
}
