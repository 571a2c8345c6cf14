from newstrace.cli import main

main()
