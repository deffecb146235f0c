# Warnings are on for everyone; they are errors only for developers and CI (PROMPTLINT_WERROR),
# so a newer compiler never breaks a user's build.
function(promptlint_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast)
    if(PROMPTLINT_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
        # GCC 12 at -O3 reports std::string concatenation inside libstdc++ as overlapping
        # memcpy (GCC bug 105329, fixed in 13): a false positive that breaks Release builds with
        # warnings as errors on Debian 12, so it is off for those compilers.
        if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
            target_compile_options(${target} PRIVATE -Wno-restrict)
        endif()
    endif()
    if(PROMPTLINT_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined
                                                 -fno-sanitize-recover=all -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()
