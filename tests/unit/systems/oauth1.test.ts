import { createHmac } from "node:crypto";
import { percentEncode, signatureBaseString, signOAuth1 } from "@/lib/systems/kit/oauth1";

// OAuth Core 1.0 Appendix A (photos.example.net), the vector RFC 5849 §1.2 retells.
const vector = {
  method: "GET",
  url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
  consumerKey: "dpf43f3p2l4k3l03",
  consumerSecret: "kd94hf93k423kf44",
  token: "nnch734d00sl2jdk",
  tokenSecret: "pfkkdhi9sl3r4s00",
  nonce: "kllo9940pd9333jh",
  timestamp: "1191242096",
  realm: "Photos",
};
const VECTOR_BASE =
  "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal";

describe("oauth1", () => {
  it("reproduces the published HMAC-SHA1 vector (base string and signature)", () => {
    const signed = signOAuth1({ ...vector, signatureMethod: "HMAC-SHA1" });
    expect(signed.baseString).toBe(VECTOR_BASE);
    expect(signed.signature).toBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    expect(signed.header).toContain('oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"');
    expect(signed.header.startsWith('OAuth realm="Photos", ')).toBe(true);
  });

  it("signs the same base string with HMAC-SHA256 (NetSuite), keyed consumerSecret&tokenSecret", () => {
    const signed = signOAuth1(vector);
    const base = VECTOR_BASE.replace("HMAC-SHA1", "HMAC-SHA256");
    expect(signed.baseString).toBe(base);
    expect(signed.signature).toBe(
      createHmac("sha256", "kd94hf93k423kf44&pfkkdhi9sl3r4s00").update(base).digest("base64"),
    );
  });

  it("never signs the realm", () => {
    expect(signOAuth1({ ...vector, realm: "OTHER" }).signature).toBe(signOAuth1(vector).signature);
  });

  it("encodes like rawurlencode and sorts by encoded name then value", () => {
    expect(percentEncode("a b+c*!'()~._-é")).toBe("a%20b%2Bc%2A%21%27%28%29~._-%C3%A9");
    const base = signatureBaseString("get", new URL("HTTPS://Acct-SB1.Example.COM:443/p?b=2&a=3&a=1&c%40="), {
      oauth_x: "1",
    });
    expect(base).toBe("GET&https%3A%2F%2Facct-sb1.example.com%2Fp&a%3D1%26a%3D3%26b%3D2%26c%2540%3D%26oauth_x%3D1");
  });

  it("uses a fresh nonce and a current timestamp by default", () => {
    const a = signOAuth1({ ...vector, nonce: undefined, timestamp: undefined }).header;
    const b = signOAuth1({ ...vector, nonce: undefined, timestamp: undefined }).header;
    const nonce = (h: string) => h.match(/oauth_nonce="([^"]+)"/)?.[1];
    expect(nonce(a)).not.toBe(nonce(b));
    const ts = Number(a.match(/oauth_timestamp="(\d+)"/)?.[1]);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
  });
});
