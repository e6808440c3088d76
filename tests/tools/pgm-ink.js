// tests/tools/pgm-ink.js FILE.pgm: what a page rendered by pdftoppm
// -gray shows, for tests/cli/22-annex-pdf.sh: its width and height in
// pixels and the share of them that is ink (darker than mid-grey), so a
// test can tell a blank or a black page from a page of text.
const fs = require("fs");
const b = fs.readFileSync(process.argv[2]);
let i = 0; const tok = [];
while (tok.length < 4) { while (/\s/.test(String.fromCharCode(b[i]))) i++; let s = ""; while (!/\s/.test(String.fromCharCode(b[i]))) s += String.fromCharCode(b[i++]); tok.push(s); }
i++;
const [magic, w, h] = [tok[0], +tok[1], +tok[2]];
if (magic !== "P5") throw new Error("not P5");
const px = (x, y) => b[i + y * w + x];
let ink = 0;
for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (px(x, y) < 128) ink++;
console.log(w, h, (ink / (w * h)).toFixed(4));
