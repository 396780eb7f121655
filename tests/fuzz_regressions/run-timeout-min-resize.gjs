array<i32> a;
while (true) { a.resize(u32(100000)); a.clear(); }
