"""Letters to applicants: 补正告知书, 延期答复告知书, 收费通知书 and the reply 告知书 of each outcome.

    from gongkai.applications.letters.context import letter_for
    from gongkai.applications.letters.render import to_docx, to_pdf

    letter = letter_for(application)            # the latest letter-bearing act (or event_id=…)
    to_docx(letter), to_pdf(letter)             # bytes

``texts`` (the words and legal bases) is pure Python, so the template build script can use it
without Django.
"""
