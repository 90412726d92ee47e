// src/base/utf8.h
//
// UTF-8 validation for writers that must emit well-formed text from any input bytes (report
// escapers, HTML pages): the length of the valid sequence at a position, per RFC 3629 (no
// overlong forms, no surrogates, nothing above U+10FFFF).
#pragma once

namespace gori {

// Length of the valid UTF-8 sequence starting at p (1..4), or 0 when it is not valid or does
// not fit before `end`. Requires p < end.
inline int Utf8SequenceLength(const unsigned char* p, const unsigned char* end) {
  unsigned char c = *p;
  if (c < 0x80) return 1;
  int len = (c >= 0xc2 && c <= 0xdf)   ? 2
            : (c >= 0xe0 && c <= 0xef) ? 3
            : (c >= 0xf0 && c <= 0xf4) ? 4
                                       : 0;
  if (len == 0 || end - p < len) return 0;
  for (int i = 1; i < len; ++i) {
    if ((p[i] & 0xc0) != 0x80) return 0;
  }
  if (len == 3 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))) return 0;
  if (len == 4 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))) return 0;
  return len;
}

}  // namespace gori
