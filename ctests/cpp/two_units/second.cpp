// The second translation unit of the two_units program (see first.cpp).
#include "gjs.hpp"
#include "gjs.h"

#include "shared.hpp"

#include <string>

int32_t bind_in_second_unit(gjs::context& ctx) {
    ctx.bind("i32 scaled(i32 x)", [](int32_t x) { return x * 10; });
    gjs::module m = ctx.add_code("second", "i32 answer() { return scaled(4) + offset(1); }");
    return ctx.call<int32_t>(m.function("answer"));
}

std::string greet_in_second_unit(const std::string& who) {
    gjs::context ctx{gjs::vm_backend(0, 100000)};
    gjs::module m = ctx.add_code("greeter", "string greet(string who) { return 'hello, ' + who; }");
    return ctx.call<std::string>(m.function("greet"), who);
}
