// expect: 4.0 6.0 8.0 8.0
// expect: true false
// expect: 5.00 25.0 0.80
// expect: 0.60 1.00
// expect: 3,4 5.0 -3
// expect: 4.0 30.0
// expect: 6.0
// expect-runtime-error: vector index 3 is out of range (length 3) (code 3)
// note: spec 8.6: vector constructors (scalar, per component, vec3(vec2, z)), operators with
// note: vectors and scalars and their compound forms, ==/!=, [], dot/length/lengthSq/normalized/
// note: normalize/distance, integer flavours, qualified import, vectors as format fields, and the
// note: fault of [] out of range.
import { vec2f, vec3f, vec4d, vec2i32, vec3d } from 'math';
import 'math' as m;
vec2f xy = vec2f(1.0f, 2.0f);
vec3f p = vec3f(xy, 3.0f);
p += vec3f(1.0f);
p *= 2.0f;
print(p.x.toFixed(1) + ' ' + p.y.toFixed(1) + ' ' + p.z.toFixed(1) + ' ' + p[2].toFixed(1));
print('' + (p == vec3f(4.0f, 6.0f, 8.0f)) + ' ' + (p != vec3f(4.0f, 6.0f, 8.0f)));
vec3d d = vec3d(3.0, 0.0, 4.0);
print(d.length.toFixed(2) + ' ' + d.lengthSq.toFixed(1) + ' ' + d.normalized.z.toFixed(2));
d.normalize();
print(d.x.toFixed(2) + ' ' + d.distance(vec3d(0.0)).toFixed(2));
vec2i32 g = vec2i32(7, 9) / 2;
print('' + g.x + ',' + g.y + ' ' + vec2i32(3, 4).length.toFixed(1) + ' ' + (-g).x);
m.vec4d w = m.vec4d(1.0, 2.0, 3.0, 4.0);
print(w.w.toFixed(1) + ' ' + w.dot(w).toFixed(1));
format Particle { vec3f pos, f32 mass };
Particle q = Particle({ pos: vec3f(1.0f, 2.0f, 3.0f), mass: 2.0f });
print((q.pos * q.mass).z.toFixed(1));
print(p[3].toFixed(1));
