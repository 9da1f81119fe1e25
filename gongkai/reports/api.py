from ninja import Router

router = Router(tags=["年度报告 reports"])
