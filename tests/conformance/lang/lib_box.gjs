// library-module
// note: not a standalone test: imported by templates_imported.gjs.
i32 made = 0;
i32 helper(i32 v) { return v * 2; }
class Box<subtype> {
    constructor(subtype v) {
        this.value = v;
        made++;
    }
    subtype get() { return this.value; }
    i32 twice(i32 k) { return helper(k); }
    subtype value;
};
