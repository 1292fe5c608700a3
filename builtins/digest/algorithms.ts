import type { Hasher } from "./block-hash.js";
import { Md5 } from "./md5.js";
import { Sha1 } from "./sha1.js";
import { Sha256 } from "./sha256.js";
import { Sha512 } from "./sha512.js";
import { Blake2b } from "./blake2b.js";
import { Sm3 } from "./sm3.js";
import { BsdSum, Crc, SysvSum, type CountingHasher } from "./legacy.js";

/** One checksum algorithm as GNU's digest programs name and print it. */
export interface Algorithm {
  /** cksum -a name. */
  name: string;
  /** The BSD-style tag ("SHA256 (file) = ..."). */
  tag: string;
  /** Digest size in bits (the legacy checksums: 0); BLAKE2b's is the largest it can make. */
  bits: number;
  /** `bits` only for BLAKE2b (-l). */
  create(bits?: number): Hasher | CountingHasher;
  /** The pre-digest checksums print "checksum size [file]". */
  legacy?: "sysv" | "bsd" | "crc";
}

/** In cksum's order (-a's list of valid arguments). */
export const ALGORITHMS: Algorithm[] = [
  { name: "bsd", tag: "BSD", bits: 0, legacy: "bsd", create: () => new BsdSum() },
  { name: "sysv", tag: "SYSV", bits: 0, legacy: "sysv", create: () => new SysvSum() },
  { name: "crc", tag: "CRC", bits: 0, legacy: "crc", create: () => new Crc() },
  { name: "md5", tag: "MD5", bits: 128, create: () => new Md5() },
  { name: "sha1", tag: "SHA1", bits: 160, create: () => new Sha1() },
  { name: "sha224", tag: "SHA224", bits: 224, create: () => new Sha256(224) },
  { name: "sha256", tag: "SHA256", bits: 256, create: () => new Sha256(256) },
  { name: "sha384", tag: "SHA384", bits: 384, create: () => new Sha512(384) },
  { name: "sha512", tag: "SHA512", bits: 512, create: () => new Sha512(512) },
  { name: "blake2b", tag: "BLAKE2b", bits: 512, create: (bits = 512) => new Blake2b(bits / 8) },
  { name: "sm3", tag: "SM3", bits: 256, create: () => new Sm3() },
];

/** The tag printed for a digest of `bits` bits ("BLAKE2b-256" when shortened). */
export function tagFor(algorithm: Algorithm, bits: number): string {
  return bits === algorithm.bits ? algorithm.tag : `${algorithm.tag}-${bits}`;
}

export function algorithmNamed(name: string): Algorithm {
  return ALGORITHMS.find((a) => a.name === name)!;
}

/** Lowercase hex of a digest. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += (b < 16 ? "0" : "") + b.toString(16);
  return s;
}
