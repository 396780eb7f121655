// expect: ann 30
// expect: bob 31
// expect: hi bob
// expect: bob
// expect: bob bob!
// note: spec 3.4: initialising from another object copies it field by field (strings deeply),
// note: assignment copies too; the copies are independent afterwards.
class Person {
    constructor(string n, i32 a) {
        this.name = n;
        this.age = a;
    }
    string greet() { return 'hi ' + this.name; }
    string name;
    i32 age;
};
Person p = Person('ann', 30);
Person q = p;
q.name = 'bob';
q.age += 1;
print(p.name + ' ' + p.age);
print(q.name + ' ' + q.age);
print(q.greet());
p = q;
print(p.name);
q.name += '!';
print(p.name + ' ' + q.name);
