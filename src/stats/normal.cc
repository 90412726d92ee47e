#include "stats/normal.h"

#include <cmath>
#include <limits>

#include <boost/math/distributions/normal.hpp>

namespace gori::stats {
namespace {

const boost::math::normal_distribution<double>& Standard() {
  static const boost::math::normal_distribution<double> kStandard(0.0, 1.0);
  return kStandard;
}

}  // namespace

double NormalCdf(double z) {
  if (std::isinf(z)) return z > 0 ? 1.0 : 0.0;
  return boost::math::cdf(Standard(), z);
}

double NormalUpper(double z) {
  if (std::isinf(z)) return z > 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::complement(Standard(), z));
}

double NormalQuantile(double p) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  return boost::math::quantile(Standard(), p);
}

}  // namespace gori::stats
