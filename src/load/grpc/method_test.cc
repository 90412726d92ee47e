#include "load/grpc/method.h"

#include <string>

#include <gtest/gtest.h>

namespace gori::load::grpc {
namespace {

const std::string kProto = std::string(GORI_SOURCE_DIR) + "/tests/testdata/grpc/pay.proto";

TEST(GrpcMethod, EncodesJsonAndDecodesReplies) {
  auto m = Method::FromProto(kProto, {}, "/gori.test.Payments/Pay");
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ((*m)->full_name(), "gori.test.Payments.Pay");
  EXPECT_FALSE((*m)->server_streaming());
  std::string framed;
  ASSERT_TRUE((*m)->Encode(R"({"order_id": "o-1", "amount": 1500})", framed).has_value());
  // 5-byte prefix, then field 1 (tag 0x0a, length 3, "o-1") and field 2 (tag 0x10, varint 1500).
  EXPECT_EQ(framed, std::string("\0\0\0\0\x08\x0a\x03o-1\x10\xdc\x0b", 13));
  // The reply type has the same first two fields, so the request bytes decode as a reply.
  std::string json;
  ASSERT_TRUE((*m)->Decode(framed, json).has_value());
  EXPECT_EQ(json, R"({"tid":"o-1","amount":"1500"})");
}

TEST(GrpcMethod, ClearErrors) {
  EXPECT_EQ(Method::FromProto(kProto, {}, "gori.test.Payments/Nope").error().message,
            "service gori.test.Payments in " + kProto + " has no method Nope");
  EXPECT_EQ(Method::FromProto(kProto, {}, "gori.test.Nope/Pay").error().message,
            kProto + " defines no service gori.test.Nope");
  EXPECT_EQ(Method::FromProto(kProto, {}, "Pay").error().message,
            "gRPC method 'Pay': want /package.Service/Method");
  auto m = Method::FromProto(kProto, {}, "gori.test.Payments/Pay");
  ASSERT_TRUE(m.has_value());
  std::string out;
  auto e = (*m)->Encode(R"({"amount": "many"})", out);
  ASSERT_FALSE(e.has_value());
  EXPECT_TRUE(e.error().message.starts_with("the body is not a gori.test.PayRequest in JSON: "))
      << e.error().message;
  EXPECT_EQ((*m)->Decode(std::string("\0\0\0\0", 4), out).error().message,
            "gRPC response: no message");
  EXPECT_EQ((*m)->Decode(std::string("\0\0\0\0\x09xx", 7), out).error().message,
            "gRPC response: truncated message");
  EXPECT_EQ((*m)->Decode(std::string("\x01\0\0\0\x00", 5), out).error().message,
            "gRPC response: compressed messages are not decoded");
  EXPECT_FALSE(Method::FromDescriptorSet("garbage", "a.B/C").has_value());
}

TEST(GrpcMethod, StatusNames) {
  EXPECT_EQ(StatusName(0), "OK");
  EXPECT_EQ(StatusName(4), "DEADLINE_EXCEEDED");
  EXPECT_EQ(StatusName(14), "UNAVAILABLE");
  EXPECT_EQ(StatusName(16), "UNAUTHENTICATED");
  EXPECT_EQ(StatusName(99), "UNKNOWN");
  EXPECT_EQ(StatusFromHttp(503), 14);
  EXPECT_EQ(StatusFromHttp(404), 12);
  EXPECT_EQ(StatusFromHttp(200), 2);
}

}  // namespace
}  // namespace gori::load::grpc
