# Helpers that keep module CMakeLists short and uniform.
#
#   gori_module(NAME base SOURCES a.cc b.cc PUBLIC_DEPS ... PRIVATE_DEPS ...)
#     -> static library gori_<name>, include root src/ (so headers are "base/result.h").
#   gori_test(NAME base SOURCES a_test.cc DEPS ...)
#     -> gtest binary <name>_test registered with ctest (gtest_discover_tests).
include(GoogleTest)

function(gori_module)
  cmake_parse_arguments(M "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(gori_${M_NAME} STATIC ${M_SOURCES})
  target_include_directories(gori_${M_NAME} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(gori_${M_NAME} PUBLIC ${M_PUBLIC_DEPS} PRIVATE gori_warnings ${M_PRIVATE_DEPS})
  set_property(GLOBAL APPEND PROPERTY GORI_MODULES gori_${M_NAME})
endfunction()

function(gori_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_executable(${T_NAME}_test ${T_SOURCES})
  gori_test_code_options(${T_NAME}_test)
  target_link_libraries(${T_NAME}_test PRIVATE gori_warnings ${T_DEPS} GTest::gtest GTest::gmock
                        GTest::gtest_main)
  target_compile_definitions(${T_NAME}_test PRIVATE
                             GORI_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  gtest_discover_tests(${T_NAME}_test WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
                       DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endfunction()
