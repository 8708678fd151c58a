import { generate } from "selfsigned";
import { HOSTS, MAPPED_DOMAINS } from "./hosts.ts";

export interface Certificate {
  key: string;
  cert: string;
  /** SHA-256 fingerprint, colon separated. */
  fingerprint: string;
}

/** A fresh self-signed certificate for every host of the set (EC keys: generated in milliseconds). */
export async function makeCertificate(): Promise<Certificate> {
  const names = [...HOSTS.map((h) => h.name), ...MAPPED_DOMAINS.map((d) => `*.${d}`), "localhost"];
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "Cookie Ledger property set" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 30 * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: "127.0.0.1" }],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: pems.fingerprint };
}
