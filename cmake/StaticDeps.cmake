# COPYDESK_STATIC_DEPS: the Python wheel's build, whose binaries must run on machines
# without the system's libxml2, libdeflate and fmt (docs/python.md, "The wheel").
# - fmt: Debian ships it as a shared library only; its header-only form compiles it in.
# - libdeflate: its archive is position-independent, so it is linked into everything.
# - libxml2: Debian's libxml2.a (and the ICU archives it needs) are not position-
#   independent, so they can go into an executable but not into the extension module.
#   The `copydesk` executable links the archives: it lives in the wheel's scripts folder,
#   whose installed place relative to site-packages varies, so it could not find shared
#   libraries grafted into the wheel. The extension module links the shared libxml2,
#   which auditwheel repair copies into the wheel (copydesk.libs/) with an RPATH to it.
# zlib, libm, libstdc++ and glibc stay shared: the manylinux policies allow them.
find_package(PkgConfig REQUIRED)
pkg_check_modules(COPYDESK_XML2 REQUIRED QUIET libxml-2.0)

function(copydesk_static_archive var name package)
  find_library(${var} NAMES lib${name}.a HINTS ${COPYDESK_XML2_STATIC_LIBRARY_DIRS} ${ARGN})
  if(NOT ${var})
    message(FATAL_ERROR "COPYDESK_STATIC_DEPS: lib${name}.a not found (Debian package ${package})")
  endif()
endfunction()

# libxml2.a and what `pkg-config --static libxml-2.0` says it needs, in that order.
set(copydesk_xml2_needs "")
foreach(name IN LISTS COPYDESK_XML2_STATIC_LIBRARIES)
  if(name STREQUAL "xml2")
    continue()
  elseif(name STREQUAL "z")
    list(APPEND copydesk_xml2_needs ZLIB::ZLIB)
  elseif(name MATCHES "^(m|dl|pthread)$")
    list(APPEND copydesk_xml2_needs ${name})
  else()
    copydesk_static_archive(COPYDESK_STATIC_${name} ${name} "libicu-dev or liblzma-dev")
    list(APPEND copydesk_xml2_needs ${COPYDESK_STATIC_${name}})
  endif()
endforeach()
copydesk_static_archive(COPYDESK_STATIC_xml2 xml2 libxml2-dev)
add_library(copydesk_static_xml2 STATIC IMPORTED)
set_target_properties(copydesk_static_xml2 PROPERTIES
  IMPORTED_LOCATION ${COPYDESK_STATIC_xml2}
  INTERFACE_LINK_LIBRARIES "${copydesk_xml2_needs}")

# The archive for executables, the shared library for everything else; decided by the
# target being linked (the executable or the module), not by libcopydesk.a.
add_library(copydesk_xml2 INTERFACE)
set(copydesk_is_exe "$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>")
target_link_libraries(copydesk_xml2 INTERFACE "$<IF:${copydesk_is_exe},copydesk_static_xml2,LibXml2::LibXml2>")
target_include_directories(copydesk_xml2 INTERFACE ${LIBXML2_INCLUDE_DIRS})
set(COPYDESK_XML2 copydesk_xml2)

copydesk_static_archive(COPYDESK_STATIC_deflate deflate libdeflate-dev ${PC_LIBDEFLATE_LIBRARY_DIRS})
set_target_properties(Libdeflate::Libdeflate PROPERTIES IMPORTED_LOCATION ${COPYDESK_STATIC_deflate})

set(COPYDESK_FMT fmt::fmt-header-only)

# Keep the archives' symbols out of our binaries' dynamic symbol tables.
add_link_options(LINKER:--exclude-libs,ALL)
