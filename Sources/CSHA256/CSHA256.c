#include "CSHA256.h"

#if defined(__APPLE__)
// On Apple platforms swift-crypto uses CryptoKit and builds no BoringSSL: the system's CommonCrypto.
#include <CommonCrypto/CommonDigest.h>

void cmeaudit_sha256(const uint8_t *data, size_t length, uint8_t digest[32]) {
  CC_SHA256(data, (CC_LONG)length, digest);
}
#else
// BoringSSL's one-shot SHA-256, as swift-crypto builds it into the program (the Crypto product the CMEAudit
// target depends on); its symbols carry swift-crypto's CCryptoBoringSSL_ prefix. Were that prefix to change,
// the program would fail to link, not hash differently (and the tests compare with Crypto's SHA256).
uint8_t *CCryptoBoringSSL_SHA256(const uint8_t *data, size_t length, uint8_t out[32]);

void cmeaudit_sha256(const uint8_t *data, size_t length, uint8_t digest[32]) {
  CCryptoBoringSSL_SHA256(data, length, digest);
}
#endif
