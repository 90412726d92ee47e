# One place for compiler warnings. GCC release builds in CI use -Werror (GORI_WERROR).
add_library(gori_warnings INTERFACE)
target_compile_options(gori_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual
                       -Wimplicit-fallthrough
                       # designated initializers leave defaulted members out on purpose
                       -Wno-missing-field-initializers)
if(GORI_WERROR)
  target_compile_options(gori_warnings INTERFACE -Werror)
endif()
# GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string operator+
# (GCC bug 105329); they fire on correct code at -O3.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(gori_warnings INTERFACE -Wno-restrict)
endif()
