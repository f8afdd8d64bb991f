import superjson from "superjson";
console.log(JSON.stringify(superjson.serialize({ a: [{ d: new Date(0), u: undefined, "x.y": new Date(1) }, { d: new Date(2) }], b: null, n: 1, big: undefined })));
const shared = { d: new Date(0) };
console.log(JSON.stringify(superjson.serialize({ p: shared, q: shared })));
console.log(JSON.stringify(superjson.serialize(new Date(5))));
console.log(JSON.stringify(superjson.serialize({ x: NaN, y: [undefined] })));
