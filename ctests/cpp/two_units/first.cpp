// Two translation units that both include gjs.h and gjs.hpp (each twice) link into
// one program: every definition in the wrapper is inline, and the same templates
// instantiated in both units agree.
#include "gjs.h"
#include "gjs.hpp"
#include "gjs.h"
#include "gjs.hpp"

#include "../check.hpp"
#include "shared.hpp"

#include <string>

int main() {
    try {
        gjs::context ctx;
        // The same instantiations as in second.cpp.
        ctx.bind("i32 offset(i32 x)", [](int32_t x) { return x + 1; });
        CHECK_EQ(bind_in_second_unit(ctx), 42);
        gjs::module m = ctx.add_code("first", "i32 both(i32 x) { return scaled(offset(x)); }");
        CHECK_EQ(ctx.call<int32_t>(m.function("both"), 4), 50);
        CHECK_EQ(greet_in_second_unit("first unit"), "hello, first unit");
        CHECK_THROWS(gjs::type_mismatch, ctx.call<int64_t>(m.function("both"), 4));
    } catch (const std::exception& e) {
        check::fail(__FILE__, __LINE__, std::string("unexpected exception: ") + e.what());
    }
    return check::finish("two_units");
}
