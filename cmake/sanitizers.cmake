# ASan + UBSan for the sanitizer preset (clang-14 in CI). Applied to every target.
if(GORI_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
