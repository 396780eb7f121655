array<string> a;
while (true) { a.push('x'); a.includes('y'); }
