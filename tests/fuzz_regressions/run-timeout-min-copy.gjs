array<string> a;
while (true) { array<string> b = a; a.push('x'); }
