// expect: 3 entities, hp sum=60
// expect: found=true at 1
// expect: after removal: 2 entities
// expect: bye 10
// expect: bye 30
// expect: elements cleared
// note: spec 5.7: handles may be array elements (array<T?>); elements compare by identity and
// note: removing one from the array does not destroy its object.
class Entity {
    constructor(i32 hp) { this.hp = hp; }
    destructor() { print('bye ' + this.hp); }
    i32 hp;
};
array<Entity?> all;
for (i32 i = 1; i <= 3; i++) {
    all.push(new Entity(i * 10));
}
i32 sum = 0;
for (i32 i = 0; i < all.length; i++) {
    sum += all[i].hp;
}
print(all.length + ' entities, hp sum=' + sum);
Entity? second = all[1];
print('found=' + all.includes(second) + ' at ' + all.indexOf(second));
all.remove(1);
print('after removal: ' + all.length + ' entities');
second.hp = 20;
for (i32 i = 0; i < all.length; i++) {
    delete all[i];
}
if (all[0] == null && all[1] == null) {
    print('elements cleared');
}
