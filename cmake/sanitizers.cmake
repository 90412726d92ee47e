# ASan + UBSan for the sanitizer preset (clang-14 in CI). Applied to every target.
if(GORI_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# libFuzzer coverage for every library of the sanitizer tree, so `make fuzz` and CI fuzz the
# same build the tests run in (only the <name>_fuzz executables link libFuzzer's main).
if(GORI_LIBFUZZER)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
