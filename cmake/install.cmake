# Install rules: headers, library, CLI, CMake package (copydesk::copydesk with a
# version file) and a pkg-config file.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/copydesk DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/generated/copydesk/version.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/copydesk)

install(TARGETS copydesk EXPORT copydeskTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(COPYDESK_BUILD_TOOLS)
  install(TARGETS copydesk_exe RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(COPYDESK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/copydesk)
install(EXPORT copydeskTargets NAMESPACE copydesk:: DESTINATION ${COPYDESK_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/copydeskConfig.cmake.in
  ${PROJECT_BINARY_DIR}/copydeskConfig.cmake INSTALL_DESTINATION ${COPYDESK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/copydeskConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/copydeskConfig.cmake ${PROJECT_BINARY_DIR}/copydeskConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/FindLibdeflate.cmake DESTINATION ${COPYDESK_CMAKE_DIR})

if(BUILD_SHARED_LIBS)
  set(COPYDESK_PC_LIBS_PRIVATE "")
  set(COPYDESK_PC_REQUIRES_PRIVATE "libxml-2.0 zlib libdeflate fmt")
else()
  set(COPYDESK_PC_LIBS_PRIVATE "")
  set(COPYDESK_PC_REQUIRES_PRIVATE "libxml-2.0 zlib libdeflate fmt")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/copydesk.pc.in ${PROJECT_BINARY_DIR}/copydesk.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/copydesk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
