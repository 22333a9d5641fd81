// CRC-32 of two byte runs put end to end, from each run's CRC and the second's length (zlib's
// `crc32_combine`, which Node does not expose): a zip entry made of pieces deflated in earlier
// builds gets its checksum without the pieces' text being made again.

/** The reversed CRC-32 polynomial, as zlib names it. */
const polynomial = 0xedb88320;

/** a × b modulo the polynomial, in the reflected bit order CRC-32 uses. */
function multiplyModulo(a: number, b: number): number {
  let m = 1 << 31;
  let product = 0;
  for (;;) {
    if (a & m) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ polynomial : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^n) modulo the polynomial, n = 0…31. */
const powers: number[] = (() => {
  const table: number[] = [];
  let power = 1 << 30; // x^1
  for (let n = 0; n < 32; n++) {
    table.push(power >>> 0);
    power = multiplyModulo(power, power);
  }
  return table;
})();

/** x^(length × 8) modulo the polynomial: appending `length` zero bytes. */
function zeroBytesOperator(length: number): number {
  let product = (1 << 31) >>> 0; // x^0
  let k = 3; // bytes → bits
  for (let n = length; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) product = multiplyModulo(powers[k & 31]!, product);
  }
  return product;
}

/** The CRC-32 of A then B, from CRC(A), CRC(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModulo(zeroBytesOperator(lengthB), crcA) ^ crcB) >>> 0;
}
