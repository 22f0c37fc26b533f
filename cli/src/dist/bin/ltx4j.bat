@echo off
rem Runs the ltx4j command from an unpacked ltx4j archive. Needs Java 17 or newer (JAVA_HOME, or java on the PATH).
rem Extra JVM options: LTX4J_JAVA_OPTS.
setlocal
set "LTX4J_HOME=%~dp0.."
set "JAVA_EXE=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
rem Every command's libraries at once here; bin/ltx4j puts lib\sandbox and lib\store on the class path only when needed.
"%JAVA_EXE%" %LTX4J_JAVA_OPTS% "-Dltx4j.home=%LTX4J_HOME%" -cp "%LTX4J_HOME%\lib\*;%LTX4J_HOME%\lib\sandbox\*;%LTX4J_HOME%\lib\store\*" dev.ltx4j.cli.Main %*
exit /b %ERRORLEVEL%
