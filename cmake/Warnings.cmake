# Warnings are on for everyone; they are errors only for developers and CI (PROMPTLINT_WERROR),
# so a newer compiler never breaks a user's build.
function(promptlint_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast)
    if(PROMPTLINT_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(PROMPTLINT_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined
                                                 -fno-sanitize-recover=all -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()
