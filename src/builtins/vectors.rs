//! The `math` module's vector classes (spec 8.6), written in gjs.
//!
//! `vec2f vec3f vec4f` (`f32`), `vec2d vec3d vec4d` (`f64`) and `vec2i32 vec3i32 vec4i32`
//! (`i32`) are ordinary classes compiled once per context, the first time a module imports
//! from `math`: the source below is generated per flavour, so every operator and method is
//! typed code with no dispatch at run time.

/// The name the vector module is registered under (reserved: it starts with `__`).
pub const MODULE: &str = "__math_vectors";

/// The read-only properties of the vector classes (methods called without parentheses).
pub const PROPERTIES: &[&str] = &["length", "lengthSq", "normalized"];

const FIELDS: [&str; 4] = ["x", "y", "z", "w"];

/// Element type, length type, class-name suffix, and whether the flavour is a float one.
const FLAVOURS: [(&str, &str, &str, bool); 3] = [
    ("f32", "f32", "f", true),
    ("f64", "f64", "d", true),
    ("i32", "f64", "i32", false),
];

/// The whole module's source.
pub fn source() -> String {
    let mut out = String::from("import { sqrt } from 'math';\n");
    for (t, l, suffix, float) in FLAVOURS {
        for n in 2..=4 {
            out.push_str(&class(n, t, l, suffix, float));
        }
    }
    out
}

fn class(n: usize, t: &str, l: &str, suffix: &str, float: bool) -> String {
    let name = format!("vec{n}{suffix}");
    let fields = &FIELDS[..n];
    let each = |f: &dyn Fn(&str) -> String, sep: &str| {
        fields.iter().map(|c| f(c)).collect::<Vec<_>>().join(sep)
    };
    let mut s = format!("class {name} {{\n");
    s += "    constructor() { }\n";
    s += &format!(
        "    constructor({t} s) {{ {} }}\n",
        each(&|c| format!("this.{c} = s;"), " ")
    );
    s += &format!(
        "    constructor({}) {{ {} }}\n",
        each(&|c| format!("{t} {c}"), ", "),
        each(&|c| format!("this.{c} = {c};"), " ")
    );
    if n > 2 {
        let smaller = format!("vec{}{suffix}", n - 1);
        let last = fields[n - 1];
        let head = &fields[..n - 1];
        s += &format!(
            "    constructor({smaller} v, {t} {last}) {{ {} this.{last} = {last}; }}\n",
            head.iter()
                .map(|c| format!("this.{c} = v.{c};"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    for op in ["+", "-", "*", "/"] {
        s += &format!(
            "    {name} operator {op} ({name} o) {{ return {name}({}); }}\n",
            each(&|c| format!("this.{c} {op} o.{c}"), ", ")
        );
    }
    for op in ["*", "/"] {
        s += &format!(
            "    {name} operator {op} ({t} k) {{ return {name}({}); }}\n",
            each(&|c| format!("this.{c} {op} k"), ", ")
        );
    }
    s += &format!(
        "    {name} operator - () {{ return {name}({}); }}\n",
        each(&|c| format!("-this.{c}"), ", ")
    );
    s += &format!(
        "    bool operator == ({name} o) {{ return {}; }}\n",
        each(&|c| format!("this.{c} == o.{c}"), " && ")
    );
    let mut index = String::new();
    for (i, c) in fields.iter().enumerate() {
        index += &format!("if (i == {i}) {{ return this.{c}; }} ");
    }
    s += &format!(
        "    {t} operator [] (i32 i) {{ {index}__vector_index_fault(i, {n}); return this.x; }}\n"
    );
    s += &format!(
        "    {t} dot({name} o) {{ return {}; }}\n",
        each(&|c| format!("this.{c} * o.{c}"), " + ")
    );
    s += &format!("    {t} lengthSq() {{ return this.dot(this); }}\n");
    s += &format!("    {l} length() {{ return {l}(sqrt({l}(this.lengthSq()))); }}\n");
    s += &format!("    {t} distanceSq({name} o) {{ return (this - o).lengthSq(); }}\n");
    s += &format!("    {l} distance({name} o) {{ return (this - o).length(); }}\n");
    if n == 3 {
        s += &format!(
            "    {name} cross({name} o) {{ return {name}(this.y * o.z - this.z * o.y, \
             this.z * o.x - this.x * o.z, this.x * o.y - this.y * o.x); }}\n"
        );
    }
    if float {
        s += &format!(
            "    {name} normalized() {{ {l} n = this.length(); if (n == {t}(0)) {{ return this; }} return this / n; }}\n"
        );
        s += &format!(
            "    void normalize() {{ {name} n = this.normalized(); {} }}\n",
            each(&|c| format!("this.{c} = n.{c};"), " ")
        );
    }
    s += &format!("    {};\n", each(&|c| format!("{t} {c}"), "; "));
    s += "};\n";
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_flavour_is_generated() {
        let src = super::source();
        for name in [
            "vec2f", "vec3f", "vec4f", "vec2d", "vec3d", "vec4d", "vec2i32", "vec3i32", "vec4i32",
        ] {
            assert!(src.contains(&format!("class {name} {{")), "{name}");
        }
        assert!(src.contains("vec3f cross(vec3f o)"));
        assert!(!src.contains("vec3i32 normalized"));
    }
}
