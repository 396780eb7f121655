/* The Lua 5.4 twin of gjs_host.c: a registered C function called 10M times from a Lua
 * loop, and 1M lua_pcall of a small Lua function from C. */
#include <stdio.h>
#include <stdlib.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static int host_inc(lua_State* L) {
    lua_pushnumber(L, luaL_checknumber(L, 1) + 1.0);
    return 1;
}

int main(int argc, char** argv) {
    const char* part = argc > 1 ? argv[1] : "both";
    lua_State* L = luaL_newstate();
    luaL_openlibs(L);
    lua_register(L, "f", host_inc);
    if (luaL_dostring(L,
            "function toHost(n) local acc = 0.0 for i = 0, n - 1 do acc = f(acc) end return acc end\n"
            "function small(x) return x * 0.5 + 1.0 end\n")) {
        fprintf(stderr, "%s\n", lua_tostring(L, -1));
        return 1;
    }
    if (part[0] == 'b' || part[0] == 's') {
        lua_getglobal(L, "toHost");
        lua_pushinteger(L, 10000000);
        if (lua_pcall(L, 1, 1, 0) != LUA_OK) return 1;
        printf("script->host %.1f\n", lua_tonumber(L, -1));
        lua_pop(L, 1);
    }
    if (part[0] == 'b' || part[0] == 'h') {
        double sum = 0;
        for (int i = 0; i < 1000000; i++) {
            lua_getglobal(L, "small");
            lua_pushnumber(L, (double)(i & 1023));
            if (lua_pcall(L, 1, 1, 0) != LUA_OK) return 1;
            sum += lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        printf("host->script %.1f\n", sum);
    }
    lua_close(L);
    return 0;
}
